// Rendering a filter tree back to text: shows how precedence was resolved, in tests and logs.
#include "core/filter_ast.h"

namespace otter {

namespace {

QString quoted(const QString &text)
{
    QString out = QStringLiteral("\"");
    for (QChar c : text) {
        if (c == u'"' || c == u'\\')
            out += u'\\';
        out += c;
    }
    out += u'"';
    return out;
}

QString valueText(const FilterNode &node, qsizetype index)
{
    switch (filterFieldType(node.field)) {
    case FilterValueType::Text:
    case FilterValueType::Version:
        return quoted(node.texts.at(index));
    case FilterValueType::Integer:
        return QString::number(node.numbers.at(index));
    case FilterValueType::Boolean:
        return node.numbers.at(index) ? QStringLiteral("true") : QStringLiteral("false");
    }
    return QString();
}

QString conditionText(const FilterNode &node)
{
    QString field = filterFieldName(node.field);
    if (node.field == FilterField::Label)
        field += u'.' + node.labelKey;
    if (node.op == FilterOp::Has)
        return QStringLiteral("has ") + field;

    const QString head = field + u' ' + filterOpSpelling(node.op) + u' ';
    if (node.op == FilterOp::In || node.op == FilterOp::NotIn) {
        QStringList values;
        const qsizetype count = node.texts.isEmpty() ? node.numbers.size() : node.texts.size();
        for (qsizetype i = 0; i < count; ++i)
            values.append(valueText(node, i));
        return head + u'[' + values.join(QStringLiteral(", ")) + u']';
    }
    return head + valueText(node, 0);
}

void render(const FilterNode &node, QString &out)
{
    switch (node.kind) {
    case FilterNode::Kind::Condition:
        out += conditionText(node);
        return;
    case FilterNode::Kind::Not:
        out += QStringLiteral("not ");
        render(*node.children.front(), out);
        return;
    case FilterNode::Kind::And:
    case FilterNode::Kind::Or: {
        const QString joiner =
            node.kind == FilterNode::Kind::And ? QStringLiteral(" and ") : QStringLiteral(" or ");
        out += u'(';
        for (std::size_t i = 0; i < node.children.size(); ++i) {
            if (i > 0)
                out += joiner;
            render(*node.children[i], out);
        }
        out += u')';
        return;
    }
    }
}

} // namespace

QString filterOpSpelling(FilterOp op)
{
    switch (op) {
    case FilterOp::Equal:
        return QStringLiteral("==");
    case FilterOp::NotEqual:
        return QStringLiteral("!=");
    case FilterOp::Less:
        return QStringLiteral("<");
    case FilterOp::LessEqual:
        return QStringLiteral("<=");
    case FilterOp::Greater:
        return QStringLiteral(">");
    case FilterOp::GreaterEqual:
        return QStringLiteral(">=");
    case FilterOp::In:
        return QStringLiteral("in");
    case FilterOp::NotIn:
        return QStringLiteral("not in");
    case FilterOp::Glob:
        return QStringLiteral("~");
    case FilterOp::Has:
        return QStringLiteral("has");
    }
    return QString();
}

QString canonicalFilterText(const FilterNode *root)
{
    QString out;
    if (root)
        render(*root, out);
    return out;
}

} // namespace otter
