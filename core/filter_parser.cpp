// Recursive-descent parser for filter expressions; checks every value against its field while parsing.
//
// expression := [ or ] END
// or         := and { "or" and }
// and        := not { "and" not }
// not        := "not" not | primary
// primary    := "(" or ")" | "has" label | field op value | field ["not"] "in" list | field "~" string
//             | boolField
// list       := "[" value { "," value } "]"
// value      := string | integer | "true" | "false"
#include "core/filter_parser.h"

#include "core/filter_lexer.h"
#include "core/filter_type_check.h"

namespace otter {

namespace {

using Kind = FilterToken::Kind;

bool isReservedWord(const FilterToken &token)
{
    for (const char *word : {"and", "or", "not", "in", "has", "true", "false"}) {
        if (token.isKeyword(QLatin1String(word)))
            return true;
    }
    return false;
}

class Parser
{
public:
    explicit Parser(QList<FilterToken> tokens)
        : m_tokens(std::move(tokens))
    {}

    std::variant<std::unique_ptr<FilterNode>, FilterError> run()
    {
        if (peek().kind == Kind::End)
            return std::unique_ptr<FilterNode>();
        std::unique_ptr<FilterNode> root = parseOr();
        if (root && peek().kind != Kind::End) {
            if (peek().kind == Kind::RightParen)
                fail(peek(), QStringLiteral("unmatched ')': there is no '(' for it to close"));
            else
                fail(peek(), QStringLiteral("expected 'and', 'or' or the end of the expression, found %1")
                                 .arg(peek().describe()));
        }
        if (m_error)
            return *m_error;
        return root;
    }

private:
    const FilterToken &peek(int ahead = 0) const
    {
        return m_tokens[qMin<qsizetype>(m_pos + ahead, m_tokens.size() - 1)];
    }

    const FilterToken &take()
    {
        const FilterToken &token = peek();
        if (m_pos < m_tokens.size() - 1)
            ++m_pos;
        return token;
    }

    std::nullptr_t fail(const FilterToken &at, QString message)
    {
        if (!m_error)
            m_error = FilterError{at.column(), qMax(at.length, 1), std::move(message)};
        return nullptr;
    }

    // Guards each level of '(' and 'not' so hostile input cannot recurse without bound.
    bool enter(const FilterToken &at)
    {
        if (++m_depth <= FilterParser::MaxDepth)
            return true;
        fail(at, QStringLiteral("the expression is nested too deeply (more than %1 levels of parentheses "
                                "or 'not')")
                     .arg(FilterParser::MaxDepth));
        return false;
    }

    std::unique_ptr<FilterNode> group(FilterNode::Kind kind, std::unique_ptr<FilterNode> first,
                                      QLatin1String keyword, std::unique_ptr<FilterNode> (Parser::*next)())
    {
        if (!first || !peek().isKeyword(keyword))
            return first;
        auto node = std::make_unique<FilterNode>();
        node->kind = kind;
        node->children.push_back(std::move(first));
        while (peek().isKeyword(keyword)) {
            take();
            std::unique_ptr<FilterNode> operand = (this->*next)();
            if (!operand)
                return nullptr;
            node->children.push_back(std::move(operand));
        }
        return node;
    }

    std::unique_ptr<FilterNode> parseOr()
    {
        return group(FilterNode::Kind::Or, parseAnd(), QLatin1String("or"), &Parser::parseAnd);
    }

    std::unique_ptr<FilterNode> parseAnd()
    {
        return group(FilterNode::Kind::And, parseNot(), QLatin1String("and"), &Parser::parseNot);
    }

    std::unique_ptr<FilterNode> parseNot()
    {
        if (!peek().isKeyword(QLatin1String("not")))
            return parsePrimary();
        if (!enter(peek()))
            return nullptr;
        take();
        std::unique_ptr<FilterNode> operand = parseNot();
        --m_depth;
        if (!operand)
            return nullptr;
        auto node = std::make_unique<FilterNode>();
        node->kind = FilterNode::Kind::Not;
        node->children.push_back(std::move(operand));
        return node;
    }

    std::unique_ptr<FilterNode> parsePrimary()
    {
        const FilterToken &token = peek();
        if (token.kind == Kind::LeftParen) {
            if (!enter(token))
                return nullptr;
            const FilterToken &open = take();
            std::unique_ptr<FilterNode> inner = parseOr();
            if (!inner)
                return nullptr;
            if (peek().kind != Kind::RightParen) {
                return fail(peek(),
                            QStringLiteral("expected 'and', 'or' or ')' to close the '(' at column %1, "
                                           "found %2")
                                .arg(open.column())
                                .arg(peek().describe()));
            }
            take();
            --m_depth;
            return inner;
        }
        if (token.isKeyword(QLatin1String("has")))
            return parseHas();
        if (token.kind == Kind::Word && !isReservedWord(token))
            return parseCondition();
        return fail(token, expectedCondition(token));
    }

    QString expectedCondition(const FilterToken &found) const
    {
        QString context;
        if (m_pos > 0)
            context = QStringLiteral(" after %1").arg(m_tokens[m_pos - 1].describe());
        return QStringLiteral("expected a condition such as class == \"gw-200\"%1, found %2")
            .arg(context, found.describe());
    }

    std::unique_ptr<FilterNode> parseHas()
    {
        const FilterToken &keyword = take();
        const FilterToken &target = peek();
        if (target.kind != Kind::Word || !target.text.startsWith(QLatin1String("label."))) {
            return fail(target, QStringLiteral("'%1' checks that a label is set: has label.<key>, found %2")
                                    .arg(keyword.text, target.describe()));
        }
        auto node = std::make_unique<FilterNode>();
        if (!resolveField(take(), *node))
            return nullptr;
        node->op = FilterOp::Has;
        return node;
    }

    bool resolveField(const FilterToken &token, FilterNode &node)
    {
        const QString &name = token.text;
        if (name.startsWith(QLatin1String("label.")) || name == QLatin1String("label")) {
            node.field = FilterField::Label;
            node.labelKey = name.mid(6);
            if (!isValidLabelKey(node.labelKey)) {
                fail(token, QStringLiteral("a label needs a key after 'label.', e.g. label.ring"));
                return false;
            }
            return true;
        }
        if (const std::optional<FilterField> field = filterFieldFromName(name)) {
            node.field = *field;
            return true;
        }
        if (filterFieldFromName(name.toLower()) || name.toLower().startsWith(QLatin1String("label."))) {
            fail(token, QStringLiteral("unknown field '%1': field names are lower case, e.g. '%2'")
                            .arg(name, name.toLower()));
            return false;
        }
        fail(token, QStringLiteral("unknown field '%1'; valid fields are %2").arg(name, filterFieldList()));
        return false;
    }

    std::unique_ptr<FilterNode> parseCondition();
    bool parseList(FilterNode &node);
    bool parseValue(FilterNode &node, const FilterToken &after);

    QList<FilterToken> m_tokens;
    qsizetype m_pos = 0;
    int m_depth = 0;
    std::optional<FilterError> m_error;
};

std::unique_ptr<FilterNode> Parser::parseCondition()
{
    const FilterToken &fieldToken = take();
    auto node = std::make_unique<FilterNode>();
    if (!resolveField(fieldToken, *node))
        return nullptr;

    const FilterToken &opToken = peek();
    switch (opToken.kind) {
    case Kind::Equal:
        node->op = FilterOp::Equal;
        break;
    case Kind::NotEqual:
        node->op = FilterOp::NotEqual;
        break;
    case Kind::Less:
        node->op = FilterOp::Less;
        break;
    case Kind::LessEqual:
        node->op = FilterOp::LessEqual;
        break;
    case Kind::Greater:
        node->op = FilterOp::Greater;
        break;
    case Kind::GreaterEqual:
        node->op = FilterOp::GreaterEqual;
        break;
    case Kind::Tilde:
        node->op = FilterOp::Glob;
        break;
    default:
        if (opToken.isKeyword(QLatin1String("in"))) {
            node->op = FilterOp::In;
        } else if (opToken.isKeyword(QLatin1String("not")) && peek(1).isKeyword(QLatin1String("in"))) {
            node->op = FilterOp::NotIn;
            take();
        } else if (filterFieldType(node->field) == FilterValueType::Boolean) {
            // A bare boolean field reads as a condition of its own: "busy", "not busy".
            node->op = FilterOp::Equal;
            node->numbers.append(1);
            return node;
        } else {
            return fail(opToken, QStringLiteral("expected an operator after '%1' (==, !=, <, <=, >, >=, in, "
                                                "not in, ~), found %2")
                                     .arg(fieldToken.text, opToken.describe()));
        }
    }
    const FilterToken &lastOpToken = take();
    if (const QString problem = FilterTypeCheck::operatorProblem(*node, lastOpToken); !problem.isEmpty())
        return fail(lastOpToken, problem);
    if (node->op == FilterOp::In || node->op == FilterOp::NotIn) {
        if (!parseList(*node))
            return nullptr;
    } else if (!parseValue(*node, lastOpToken)) {
        return nullptr;
    }
    return node;
}

bool Parser::parseList(FilterNode &node)
{
    if (peek().kind != Kind::LeftBracket) {
        fail(peek(), QStringLiteral("expected a list such as [\"a\", \"b\"] after '%1', found %2")
                         .arg(filterOpSpelling(node.op), peek().describe()));
        return false;
    }
    take();
    if (peek().kind == Kind::RightBracket) {
        fail(peek(), QStringLiteral("the list after '%1' is empty; give at least one value")
                         .arg(filterOpSpelling(node.op)));
        return false;
    }
    while (true) {
        if (!parseValue(node, m_tokens[m_pos - 1]))
            return false;
        const FilterToken &separator = take();
        if (separator.kind == Kind::RightBracket)
            return true;
        if (separator.kind != Kind::Comma) {
            fail(separator,
                 QStringLiteral("expected ',' or ']' in the list, found %1").arg(separator.describe()));
            return false;
        }
    }
}

bool Parser::parseValue(FilterNode &node, const FilterToken &after)
{
    const FilterToken &token = peek();
    const FilterValueType type = filterFieldType(node.field);
    const bool isBool = token.isKeyword(QLatin1String("true")) || token.isKeyword(QLatin1String("false"));
    if (token.kind != Kind::String && token.kind != Kind::Integer && !isBool) {
        QString hint;
        if (token.kind == Kind::Word && !isReservedWord(token) &&
            (type == FilterValueType::Text || type == FilterValueType::Version))
            hint = QStringLiteral("; text needs double quotes: \"%1\"").arg(token.text);
        fail(token, QStringLiteral("expected a value after '%1', found %2%3")
                        .arg(after.text, token.describe(), hint));
        return false;
    }

    if (const QString problem = FilterTypeCheck::valueProblem(node, token); !problem.isEmpty()) {
        fail(token, problem);
        return false;
    }

    if (type == FilterValueType::Integer)
        node.numbers.append(token.number);
    else if (type == FilterValueType::Boolean)
        node.numbers.append(token.isKeyword(QLatin1String("true")) ? 1 : 0);
    else
        node.texts.append(token.text);
    take();
    return true;
}

} // namespace

std::variant<std::unique_ptr<FilterNode>, FilterError> FilterParser::parse(QStringView text)
{
    if (text.size() > MaxLength) {
        return FilterError{MaxLength + 1, int(text.size() - MaxLength),
                           QStringLiteral("the expression is too long (%1 characters; the limit is %2)")
                               .arg(text.size())
                               .arg(MaxLength)};
    }
    std::variant<QList<FilterToken>, FilterError> tokens = FilterLexer::tokenize(text);
    if (auto *error = std::get_if<FilterError>(&tokens))
        return *error;
    return Parser(std::get<QList<FilterToken>>(std::move(tokens))).run();
}

} // namespace otter
