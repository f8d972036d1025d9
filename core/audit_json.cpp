// RFC 8785 canonical JSON writing for audit details and audit export lines.
#include "core/audit_json.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <string>

namespace otter {

namespace {

// Escapes UTF-8 text as an RFC 8785 string literal. Bytes of multi-byte sequences are all >= 0x80, so
// escaping byte by byte never touches them.
void appendEscapedUtf8(QByteArray &out, QByteArrayView utf8)
{
    static constexpr char hex[] = "0123456789abcdef";
    out += '"';
    for (char c : utf8) {
        const auto b = static_cast<unsigned char>(c);
        switch (b) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case 0x08:
            out += "\\b";
            break;
        case 0x09:
            out += "\\t";
            break;
        case 0x0A:
            out += "\\n";
            break;
        case 0x0C:
            out += "\\f";
            break;
        case 0x0D:
            out += "\\r";
            break;
        default:
            if (b < 0x20) {
                out += "\\u00";
                out += hex[b >> 4];
                out += hex[b & 0xF];
            } else {
                out += c;
            }
        }
    }
    out += '"';
}

} // namespace

const AuditJsonValue *AuditJsonValue::member(QStringView key) const
{
    const auto it = std::lower_bound(m_keys.begin(), m_keys.end(), key,
                                     [](const QString &a, QStringView b) { return utf16Less(a, b); });
    if (it == m_keys.end() || QStringView(*it) != key)
        return nullptr;
    return &m_children[size_t(it - m_keys.begin())];
}

QByteArray AuditJsonValue::canonical() const
{
    QByteArray out;
    appendCanonical(out);
    return out;
}

void AuditJsonValue::appendCanonical(QByteArray &out) const
{
    switch (m_type) {
    case Type::Null:
        out += "null";
        break;
    case Type::Bool:
        out += m_bool ? "true" : "false";
        break;
    case Type::Number:
        out += canonicalJsonNumber(m_number);
        break;
    case Type::String:
        appendEscapedUtf8(out, m_string.toUtf8());
        break;
    case Type::Array:
        out += '[';
        for (size_t i = 0; i < m_children.size(); ++i) {
            if (i > 0)
                out += ',';
            m_children[i].appendCanonical(out);
        }
        out += ']';
        break;
    case Type::Object:
        out += '{';
        for (size_t i = 0; i < m_children.size(); ++i) {
            if (i > 0)
                out += ',';
            appendEscapedUtf8(out, m_keys[i].toUtf8());
            out += ':';
            m_children[i].appendCanonical(out);
        }
        out += '}';
        break;
    }
}

Result<QByteArray> canonicalJsonObject(QByteArrayView json)
{
    if (json.trimmed().isEmpty())
        return QByteArrayLiteral("{}");
    auto parsed = AuditJsonValue::parse(json);
    if (!parsed)
        return parsed.error();
    if (!parsed->isObject())
        return makeError(ErrorKind::InvalidInput, QStringLiteral("expected a JSON object"));
    return parsed->canonical();
}

QByteArray canonicalJsonString(QStringView text)
{
    QByteArray out;
    appendEscapedUtf8(out, text.toUtf8());
    return out;
}

QByteArray canonicalJsonNumber(double value)
{
    if (value == 0)
        return QByteArrayLiteral("0"); // also -0
    QByteArray out;
    if (value < 0) {
        out += '-';
        value = -value;
    }
    // Shortest round-trip digits in scientific form, "d[.ddd]e±x", then laid out by ECMAScript's rules.
    char buffer[64];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::scientific);
    const std::string_view text(buffer, size_t(result.ptr - buffer));
    const size_t e = text.find('e');
    std::string digits(1, text[0]);
    if (e > 1)
        digits.append(text.substr(2, e - 2));
    while (digits.size() > 1 && digits.back() == '0')
        digits.pop_back();
    int exponent = 0;
    const char *expBegin = text.data() + e + 1;
    const bool negativeExponent = *expBegin == '-';
    if (*expBegin == '+' || *expBegin == '-')
        ++expBegin;
    std::from_chars(expBegin, text.data() + text.size(), exponent);
    if (negativeExponent)
        exponent = -exponent;

    const int k = int(digits.size());
    const int n = exponent + 1; // value = 0.digits × 10^n
    if (k <= n && n <= 21) {
        out.append(digits.data(), qsizetype(k));
        out.append(QByteArray(n - k, '0'));
    } else if (0 < n && n <= 21) {
        out.append(digits.data(), qsizetype(n));
        out += '.';
        out.append(digits.data() + n, qsizetype(k - n));
    } else if (-6 < n && n <= 0) {
        out += "0.";
        out.append(QByteArray(-n, '0'));
        out.append(digits.data(), qsizetype(k));
    } else {
        out += digits[0];
        if (k > 1) {
            out += '.';
            out.append(digits.data() + 1, qsizetype(k - 1));
        }
        out += 'e';
        out += n - 1 < 0 ? '-' : '+';
        out += QByteArray::number(std::abs(n - 1));
    }
    return out;
}

bool isValidUnicode(QStringView text)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (c.isHighSurrogate()) {
            if (i + 1 >= text.size() || !text[i + 1].isLowSurrogate())
                return false;
            ++i;
        } else if (c.isLowSurrogate()) {
            return false;
        }
    }
    return true;
}

bool utf16Less(QStringView a, QStringView b)
{
    return std::lexicographical_compare(a.utf16(), a.utf16() + a.size(), b.utf16(), b.utf16() + b.size());
}

} // namespace otter
