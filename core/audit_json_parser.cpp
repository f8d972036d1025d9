// Strict JSON reader for audit details and audit export lines (rules in audit_json.h).
#include "core/audit_json.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <numeric>
#include <string>
#include <system_error>

namespace otter {

namespace {

constexpr qint64 kMaxExactInteger = (qint64(1) << 53) - 1;

void appendUtf8(std::string &out, char32_t cp)
{
    if (cp < 0x80) {
        out += char(cp);
    } else if (cp < 0x800) {
        out += char(0xC0 | (cp >> 6));
        out += char(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += char(0xE0 | (cp >> 12));
        out += char(0x80 | ((cp >> 6) & 0x3F));
        out += char(0x80 | (cp & 0x3F));
    } else {
        out += char(0xF0 | (cp >> 18));
        out += char(0x80 | ((cp >> 12) & 0x3F));
        out += char(0x80 | ((cp >> 6) & 0x3F));
        out += char(0x80 | (cp & 0x3F));
    }
}

} // namespace

// Recursive-descent reader over raw bytes. Each failure records the byte offset so that an operator (or a
// test) can find the problem in a long export line.
class AuditJsonParser
{
public:
    explicit AuditJsonParser(QByteArrayView text)
        : m_begin(text.data())
        , m_pos(text.data())
        , m_end(text.data() + text.size())
    {}

    Result<AuditJsonValue> parseDocument()
    {
        AuditJsonValue value;
        skipWhitespace();
        if (m_pos == m_end)
            return fail(QStringLiteral("the text is empty"));
        if (!parseValue(value, 0))
            return error();
        skipWhitespace();
        if (m_pos != m_end)
            return fail(QStringLiteral("unexpected data after the JSON value"));
        return value;
    }

private:
    Error error() const
    {
        return makeError(ErrorKind::InvalidInput,
                         QStringLiteral("invalid JSON at byte %1: %2").arg(m_errorOffset).arg(m_error));
    }

    Error fail(const QString &message)
    {
        setError(message);
        return error();
    }

    bool setError(const QString &message)
    {
        if (m_error.isEmpty()) {
            m_error = message;
            m_errorOffset = m_pos - m_begin;
        }
        return false;
    }

    void skipWhitespace()
    {
        while (m_pos != m_end && (*m_pos == ' ' || *m_pos == '\t' || *m_pos == '\n' || *m_pos == '\r'))
            ++m_pos;
    }

    bool consumeLiteral(const char *word)
    {
        const qsizetype length = qsizetype(std::char_traits<char>::length(word));
        if (m_end - m_pos < length || std::char_traits<char>::compare(m_pos, word, size_t(length)) != 0)
            return setError(QStringLiteral("unexpected character"));
        m_pos += length;
        return true;
    }

    bool parseValue(AuditJsonValue &out, int depth)
    {
        if (m_pos == m_end)
            return setError(QStringLiteral("unexpected end of text"));
        switch (*m_pos) {
        case '{':
            return parseObject(out, depth + 1);
        case '[':
            return parseArray(out, depth + 1);
        case '"':
            out.m_type = AuditJsonValue::Type::String;
            return parseString(out.m_string);
        case 't':
            out.m_type = AuditJsonValue::Type::Bool;
            out.m_bool = true;
            return consumeLiteral("true");
        case 'f':
            out.m_type = AuditJsonValue::Type::Bool;
            out.m_bool = false;
            return consumeLiteral("false");
        case 'n':
            out.m_type = AuditJsonValue::Type::Null;
            return consumeLiteral("null");
        default:
            if (*m_pos == '-' || (*m_pos >= '0' && *m_pos <= '9'))
                return parseNumber(out);
            return setError(QStringLiteral("unexpected character"));
        }
    }

    bool parseObject(AuditJsonValue &out, int depth)
    {
        if (depth > kAuditJsonMaxDepth)
            return setError(QStringLiteral("nested deeper than %1 levels").arg(kAuditJsonMaxDepth));
        out.m_type = AuditJsonValue::Type::Object;
        ++m_pos; // '{'
        skipWhitespace();
        std::vector<QString> keys;
        std::vector<AuditJsonValue> values;
        if (m_pos != m_end && *m_pos == '}') {
            ++m_pos;
            return true;
        }
        for (;;) {
            skipWhitespace();
            if (m_pos == m_end || *m_pos != '"')
                return setError(QStringLiteral("expected a string key"));
            QString key;
            if (!parseString(key))
                return false;
            skipWhitespace();
            if (m_pos == m_end || *m_pos != ':')
                return setError(QStringLiteral("expected ':' after an object key"));
            ++m_pos;
            skipWhitespace();
            AuditJsonValue value;
            if (!parseValue(value, depth))
                return false;
            keys.push_back(std::move(key));
            values.push_back(std::move(value));
            skipWhitespace();
            if (m_pos != m_end && *m_pos == ',') {
                ++m_pos;
                continue;
            }
            if (m_pos != m_end && *m_pos == '}') {
                ++m_pos;
                break;
            }
            return setError(QStringLiteral("expected ',' or '}' in an object"));
        }

        std::vector<size_t> order(keys.size());
        std::iota(order.begin(), order.end(), size_t(0));
        std::sort(order.begin(), order.end(),
                  [&](size_t a, size_t b) { return utf16Less(keys[a], keys[b]); });
        for (size_t i = 1; i < order.size(); ++i) {
            if (keys[order[i - 1]] == keys[order[i]]) {
                // Different readers keep different copies of a duplicated key: refuse the ambiguity.
                return setError(QStringLiteral("duplicate key \"%1\"").arg(keys[order[i]]));
            }
        }
        out.m_keys.reserve(keys.size());
        out.m_children.reserve(keys.size());
        for (size_t index : order) {
            out.m_keys.push_back(std::move(keys[index]));
            out.m_children.push_back(std::move(values[index]));
        }
        return true;
    }

    bool parseArray(AuditJsonValue &out, int depth)
    {
        if (depth > kAuditJsonMaxDepth)
            return setError(QStringLiteral("nested deeper than %1 levels").arg(kAuditJsonMaxDepth));
        out.m_type = AuditJsonValue::Type::Array;
        ++m_pos; // '['
        skipWhitespace();
        if (m_pos != m_end && *m_pos == ']') {
            ++m_pos;
            return true;
        }
        for (;;) {
            skipWhitespace();
            AuditJsonValue value;
            if (!parseValue(value, depth))
                return false;
            out.m_children.push_back(std::move(value));
            skipWhitespace();
            if (m_pos != m_end && *m_pos == ',') {
                ++m_pos;
                continue;
            }
            if (m_pos != m_end && *m_pos == ']') {
                ++m_pos;
                return true;
            }
            return setError(QStringLiteral("expected ',' or ']' in an array"));
        }
    }

    bool parseHex4(char32_t &value)
    {
        if (m_end - m_pos < 4)
            return setError(QStringLiteral("incomplete \\u escape"));
        value = 0;
        for (int i = 0; i < 4; ++i) {
            const char c = m_pos[i];
            value <<= 4;
            if (c >= '0' && c <= '9')
                value |= char32_t(c - '0');
            else if (c >= 'a' && c <= 'f')
                value |= char32_t(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F')
                value |= char32_t(c - 'A' + 10);
            else
                return setError(QStringLiteral("invalid \\u escape"));
        }
        m_pos += 4;
        return true;
    }

    // Checks one UTF-8 sequence strictly (no overlong forms, no surrogates, nothing above U+10FFFF).
    bool copyUtf8Sequence(std::string &out)
    {
        const auto lead = static_cast<unsigned char>(*m_pos);
        int extra = 0;
        unsigned char low = 0x80;
        unsigned char high = 0xBF;
        if (lead >= 0xC2 && lead <= 0xDF) {
            extra = 1;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            extra = 2;
            if (lead == 0xE0)
                low = 0xA0;
            else if (lead == 0xED)
                high = 0x9F;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            extra = 3;
            if (lead == 0xF0)
                low = 0x90;
            else if (lead == 0xF4)
                high = 0x8F;
        } else {
            return setError(QStringLiteral("invalid UTF-8"));
        }
        if (m_end - m_pos < extra + 1)
            return setError(QStringLiteral("invalid UTF-8"));
        for (int i = 1; i <= extra; ++i) {
            const auto b = static_cast<unsigned char>(m_pos[i]);
            const unsigned char min = i == 1 ? low : 0x80;
            const unsigned char max = i == 1 ? high : 0xBF;
            if (b < min || b > max)
                return setError(QStringLiteral("invalid UTF-8"));
        }
        out.append(m_pos, size_t(extra + 1));
        m_pos += extra + 1;
        return true;
    }

    bool parseString(QString &out)
    {
        ++m_pos; // opening quote
        std::string utf8;
        for (;;) {
            if (m_pos == m_end)
                return setError(QStringLiteral("unterminated string"));
            const auto c = static_cast<unsigned char>(*m_pos);
            if (c == '"') {
                ++m_pos;
                break;
            }
            if (c < 0x20)
                return setError(QStringLiteral("control character in a string (it must be escaped)"));
            if (c >= 0x80) {
                if (!copyUtf8Sequence(utf8))
                    return false;
                continue;
            }
            if (c != '\\') {
                // Most text is plain ASCII: copy the whole run at once.
                const char *run = m_pos;
                while (m_pos != m_end && static_cast<unsigned char>(*m_pos) >= 0x20 &&
                       static_cast<unsigned char>(*m_pos) < 0x80 && *m_pos != '"' && *m_pos != '\\')
                    ++m_pos;
                utf8.append(run, size_t(m_pos - run));
                continue;
            }
            ++m_pos;
            if (m_pos == m_end)
                return setError(QStringLiteral("unterminated string"));
            const char escape = *m_pos++;
            switch (escape) {
            case '"':
                utf8 += '"';
                break;
            case '\\':
                utf8 += '\\';
                break;
            case '/':
                utf8 += '/';
                break;
            case 'b':
                utf8 += '\b';
                break;
            case 'f':
                utf8 += '\f';
                break;
            case 'n':
                utf8 += '\n';
                break;
            case 'r':
                utf8 += '\r';
                break;
            case 't':
                utf8 += '\t';
                break;
            case 'u': {
                char32_t unit = 0;
                if (!parseHex4(unit))
                    return false;
                if (unit >= 0xDC00 && unit <= 0xDFFF)
                    return setError(QStringLiteral("unpaired surrogate in a \\u escape"));
                if (unit >= 0xD800 && unit <= 0xDBFF) {
                    char32_t low = 0;
                    if (m_end - m_pos < 2 || m_pos[0] != '\\' || m_pos[1] != 'u')
                        return setError(QStringLiteral("unpaired surrogate in a \\u escape"));
                    m_pos += 2;
                    if (!parseHex4(low))
                        return false;
                    if (low < 0xDC00 || low > 0xDFFF)
                        return setError(QStringLiteral("unpaired surrogate in a \\u escape"));
                    unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
                }
                appendUtf8(utf8, unit);
                break;
            }
            default:
                --m_pos;
                return setError(QStringLiteral("invalid escape sequence"));
            }
        }
        out = QString::fromUtf8(utf8.data(), qsizetype(utf8.size()));
        return true;
    }

    bool parseNumber(AuditJsonValue &out)
    {
        const char *start = m_pos;
        const char *p = m_pos;
        if (*p == '-')
            ++p;
        if (p == m_end || *p < '0' || *p > '9')
            return setError(QStringLiteral("invalid number"));
        if (*p == '0') {
            ++p;
        } else {
            while (p != m_end && *p >= '0' && *p <= '9')
                ++p;
        }
        bool integral = true;
        if (p != m_end && *p == '.') {
            integral = false;
            ++p;
            if (p == m_end || *p < '0' || *p > '9')
                return setError(QStringLiteral("invalid number: digits must follow '.'"));
            while (p != m_end && *p >= '0' && *p <= '9')
                ++p;
        }
        if (p != m_end && (*p == 'e' || *p == 'E')) {
            integral = false;
            ++p;
            if (p != m_end && (*p == '+' || *p == '-'))
                ++p;
            if (p == m_end || *p < '0' || *p > '9')
                return setError(QStringLiteral("invalid number: digits must follow the exponent"));
            while (p != m_end && *p >= '0' && *p <= '9')
                ++p;
        }

        out.m_type = AuditJsonValue::Type::Number;
        const QLatin1String literal(start, p - start);
        if (integral) {
            qint64 value = 0;
            const char *digits = *start == '-' ? start + 1 : start;
            const auto [end, ec] = std::from_chars(digits, p, value);
            if (ec == std::errc() && end == p && value <= kMaxExactInteger) {
                out.m_integer = *start == '-' ? -value : value;
                out.m_number = double(*out.m_integer);
                m_pos = p;
                return true;
            }
        }
        double value = 0;
        const auto [end, ec] = std::from_chars(start, p, value);
        if (ec != std::errc() || end != p || !std::isfinite(value))
            return setError(QStringLiteral("number %1 does not fit a double").arg(literal));
        // A big integer would silently become a nearby double. Only the canonical text of a double is
        // accepted, so canonical output always reads back and no two integer texts mean the same value.
        if (integral && canonicalJsonNumber(value) != QByteArrayView(start, p - start)) {
            return setError(
                QStringLiteral("integer %1 cannot be represented exactly (integers beyond ±%2 lose "
                               "digits); write it as a string")
                    .arg(literal)
                    .arg(kMaxExactInteger));
        }
        out.m_number = value;
        m_pos = p;
        return true;
    }

    const char *m_begin;
    const char *m_pos;
    const char *m_end;
    QString m_error;
    qsizetype m_errorOffset = 0;
};

Result<AuditJsonValue> AuditJsonValue::parse(QByteArrayView text)
{
    if (text.size() > kAuditJsonMaxInputBytes) {
        return makeError(ErrorKind::TooLarge,
                         QStringLiteral("JSON text of %1 bytes exceeds the limit of %2 bytes")
                             .arg(text.size())
                             .arg(kAuditJsonMaxInputBytes));
    }
    return AuditJsonParser(text).parseDocument();
}

} // namespace otter
