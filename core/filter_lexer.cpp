// Tokenizer for filter expressions; friendly errors for the operators people type from other languages.
#include "core/filter_lexer.h"

namespace otter {

namespace {

using Kind = FilterToken::Kind;

bool isAsciiLetter(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z');
}

bool isDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

bool isWordChar(QChar c)
{
    return isAsciiLetter(c) || isDigit(c) || c == u'_' || c == u'.' || c == u'-';
}

FilterError errorAt(qsizetype offset, qsizetype length, QString message)
{
    return FilterError{int(offset + 1), int(qMax<qsizetype>(length, 1)), std::move(message)};
}

QString describeChar(QChar c)
{
    if (c.isPrint())
        return QStringLiteral("'%1'").arg(c);
    return QStringLiteral("U+%1").arg(QString::number(c.unicode(), 16).toUpper().rightJustified(4, u'0'));
}

class Scanner
{
public:
    explicit Scanner(QStringView text)
        : m_text(text)
    {}

    std::variant<QList<FilterToken>, FilterError> run()
    {
        QList<FilterToken> tokens;
        while (true) {
            while (m_pos < m_text.size() && m_text[m_pos].isSpace())
                ++m_pos;
            if (m_pos >= m_text.size())
                break;
            std::variant<FilterToken, FilterError> next = scanOne();
            if (auto *error = std::get_if<FilterError>(&next))
                return *error;
            tokens.append(std::get<FilterToken>(std::move(next)));
        }
        FilterToken end;
        end.kind = Kind::End;
        end.offset = int(m_text.size());
        end.length = 1;
        tokens.append(end);
        return tokens;
    }

private:
    QChar peek(qsizetype ahead = 0) const
    {
        return m_pos + ahead < m_text.size() ? m_text[m_pos + ahead] : QChar();
    }

    // A token spanning [start, m_pos), its text the source spelling.
    FilterToken make(Kind kind, qsizetype start)
    {
        FilterToken token;
        token.kind = kind;
        token.offset = int(start);
        token.length = int(m_pos - start);
        token.text = m_text.mid(start, m_pos - start).toString();
        return token;
    }

    std::variant<FilterToken, FilterError> symbol(Kind kind, int length)
    {
        const qsizetype start = m_pos;
        m_pos += length;
        return make(kind, start);
    }

    std::variant<FilterToken, FilterError> scanOne()
    {
        const QChar c = peek();
        if (isAsciiLetter(c) || c == u'_')
            return scanWord();
        if (isDigit(c) || (c == u'-' && isDigit(peek(1))))
            return scanNumber();
        if (c == u'"')
            return scanString();
        switch (c.unicode()) {
        case u'=':
            if (peek(1) == u'=')
                return symbol(Kind::Equal, 2);
            return errorAt(m_pos, 1, QStringLiteral("'=' is not an operator; use '==' to compare"));
        case u'!':
            if (peek(1) == u'=')
                return symbol(Kind::NotEqual, 2);
            return errorAt(m_pos, 1, QStringLiteral("'!' is not an operator; use '!=' or 'not'"));
        case u'<':
            return peek(1) == u'=' ? symbol(Kind::LessEqual, 2) : symbol(Kind::Less, 1);
        case u'>':
            return peek(1) == u'=' ? symbol(Kind::GreaterEqual, 2) : symbol(Kind::Greater, 1);
        case u'~':
            return symbol(Kind::Tilde, 1);
        case u'(':
            return symbol(Kind::LeftParen, 1);
        case u')':
            return symbol(Kind::RightParen, 1);
        case u'[':
            return symbol(Kind::LeftBracket, 1);
        case u']':
            return symbol(Kind::RightBracket, 1);
        case u',':
            return symbol(Kind::Comma, 1);
        case u'&':
            return errorAt(m_pos, peek(1) == u'&' ? 2 : 1, QStringLiteral("use 'and' to combine conditions"));
        case u'|':
            return errorAt(m_pos, peek(1) == u'|' ? 2 : 1, QStringLiteral("use 'or' to combine conditions"));
        case u'\'':
            return errorAt(m_pos, 1, QStringLiteral("strings use double quotes, e.g. \"gw-200\""));
        default:
            break;
        }
        return errorAt(m_pos, 1, QStringLiteral("unexpected character %1").arg(describeChar(c)));
    }

    FilterToken scanWord()
    {
        const qsizetype start = m_pos;
        while (m_pos < m_text.size() && isWordChar(m_text[m_pos]))
            ++m_pos;
        return make(Kind::Word, start);
    }

    std::variant<FilterToken, FilterError> scanNumber()
    {
        const qsizetype start = m_pos;
        ++m_pos; // a digit, or the '-' of a negative number
        // Swallow what looks like the rest of the value so "2.1.0" gets one clear message.
        while (m_pos < m_text.size() && isWordChar(m_text[m_pos]))
            ++m_pos;
        const QStringView spelling = m_text.mid(start, m_pos - start);
        bool digitsOnly = true;
        for (qsizetype i = spelling.startsWith(u'-') ? 1 : 0; i < spelling.size(); ++i)
            digitsOnly = digitsOnly && isDigit(spelling[i]);
        if (!digitsOnly) {
            if (spelling.contains(u'.')) {
                return errorAt(
                    start, spelling.size(),
                    QStringLiteral("'%1' must be quoted to be compared as a version: \"%1\"").arg(spelling));
            }
            return errorAt(start, spelling.size(), QStringLiteral("'%1' is not a number").arg(spelling));
        }
        bool ok = false;
        const qint64 value = spelling.toLongLong(&ok);
        if (!ok) {
            return errorAt(start, spelling.size(),
                           QStringLiteral("the number %1 is out of range").arg(spelling));
        }
        FilterToken token = make(Kind::Integer, start);
        token.number = value;
        return token;
    }

    std::variant<FilterToken, FilterError> scanString()
    {
        const qsizetype start = m_pos;
        ++m_pos;                            // opening quote
        QString value = QStringLiteral(""); // never null: "" is a value, not a missing one
        while (m_pos < m_text.size()) {
            const QChar c = m_text[m_pos];
            if (c == u'"') {
                ++m_pos;
                FilterToken token = make(Kind::String, start);
                token.text = value;
                return token;
            }
            if (c == u'\\') {
                const QChar next = peek(1);
                if (next != u'"' && next != u'\\') {
                    const QString shown =
                        next.isNull() ? QStringLiteral("\\") : QStringLiteral("\\%1").arg(next);
                    return errorAt(m_pos, next.isNull() ? 1 : 2,
                                   QStringLiteral("unknown escape '%1' in a string; only \\\" and \\\\ are "
                                                  "allowed")
                                       .arg(shown));
                }
                value += next;
                m_pos += 2;
                continue;
            }
            value += c;
            ++m_pos;
        }
        return errorAt(start, m_text.size() - start,
                       QStringLiteral("unterminated string: the '\"' here has no closing '\"'"));
    }

    QStringView m_text;
    qsizetype m_pos = 0;
};

} // namespace

QString FilterToken::describe() const
{
    switch (kind) {
    case Kind::End:
        return QStringLiteral("end of expression");
    case Kind::String: {
        QString shown = text;
        if (shown.size() > 24)
            shown = shown.left(24) + QStringLiteral("...");
        return QStringLiteral("the string \"%1\"").arg(shown);
    }
    case Kind::Integer:
        return QStringLiteral("the number %1").arg(number);
    default:
        break;
    }
    return QStringLiteral("'%1'").arg(text);
}

std::variant<QList<FilterToken>, FilterError> FilterLexer::tokenize(QStringView text)
{
    return Scanner(text).run();
}

} // namespace otter
