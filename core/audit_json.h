// Strict JSON reading and RFC 8785 canonical JSON writing, for audit details and audit export lines.
//
// The audit hash covers the details of an entry as canonical JSON, so that key order and whitespace never
// change a hash and a verifier in any language can recompute it. Canonical form is exactly RFC 8785
// (JSON Canonicalization Scheme):
//   - no whitespace; object members sorted by their keys compared as UTF-16 code units;
//   - strings as UTF-8, escaping only '"' → \", '\' → \\, U+0008 \b, U+0009 \t, U+000A \n, U+000C \f,
//     U+000D \r and other code points below U+0020 as \u00xx (lower-case hex); everything else verbatim;
//   - numbers as IEEE 754 doubles written the way ECMAScript's Number.prototype.toString writes them:
//     shortest round-trip digits, plain notation for magnitudes from 1e-6 up to (not including) 1e21
//     ("0.000001", "4.5", "100000000000000000000"), exponent notation outside it ("1e-7", "1e+21");
//     -0 is written 0.
// The reader is stricter than RFC 8259 so that two different texts can never look like the same data to
// one program and different data to another:
//   - duplicate keys, invalid UTF-8 and unpaired surrogate escapes are rejected;
//   - integer literals beyond ±(2^53 - 1) are rejected unless written exactly as the canonical text of their
//     double (1e20 written out in full is fine, 9007199254740993 is not: it would silently become
//     9007199254740992), so canonical output always reads back and no two integer texts mean one value;
//   - numbers that overflow or underflow a double are rejected;
//   - nesting deeper than 64 levels and texts over a size limit are rejected before anything is built.
#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringView>

#include <optional>
#include <vector>

namespace otter {

inline constexpr int kAuditJsonMaxDepth = 64;
inline constexpr qsizetype kAuditJsonMaxInputBytes = 4 * 1024 * 1024;

// One parsed JSON value. Objects keep their members sorted in canonical order.
class AuditJsonValue
{
public:
    enum class Type { Null, Bool, Number, String, Array, Object };

    // Parses one JSON text (surrounding whitespace allowed). Errors name the byte offset of the problem.
    static Result<AuditJsonValue> parse(QByteArrayView text);

    Type type() const { return m_type; }
    bool isObject() const { return m_type == Type::Object; }

    bool boolean() const { return m_bool; }
    double number() const { return m_number; }
    // The exact value when the number was written as an integer literal (no fraction, no exponent) within
    // ±(2^53 - 1).
    std::optional<qint64> integer() const { return m_integer; }
    const QString &string() const { return m_string; }

    // Array elements, or object member values in canonical key order.
    const std::vector<AuditJsonValue> &children() const { return m_children; }
    // Object member keys, parallel to children().
    const std::vector<QString> &keys() const { return m_keys; }
    const AuditJsonValue *member(QStringView key) const;

    // The RFC 8785 text of this value.
    QByteArray canonical() const;

private:
    friend class AuditJsonParser;
    void appendCanonical(QByteArray &out) const;

    Type m_type = Type::Null;
    bool m_bool = false;
    double m_number = 0;
    std::optional<qint64> m_integer;
    QString m_string;
    std::vector<QString> m_keys;
    std::vector<AuditJsonValue> m_children;
};

// The canonical text of a JSON object (the only shape audit details may have). Empty input means {}.
Result<QByteArray> canonicalJsonObject(QByteArrayView json);

// Canonical string literal, quotes included. `text` must be valid UTF-16 (see isValidUnicode()).
QByteArray canonicalJsonString(QStringView text);

// Canonical number text (ECMAScript form). `value` must be finite.
QByteArray canonicalJsonNumber(double value);

// False when the text holds an unpaired surrogate, which has no UTF-8 form.
bool isValidUnicode(QStringView text);

// Orders strings by UTF-16 code units, as RFC 8785 orders object keys.
bool utf16Less(QStringView a, QStringView b);

} // namespace otter
