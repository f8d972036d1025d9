// FilterExpression: the public face of the device filter language used by dynamic groups and the console.
//
// Grammar (keywords are case-insensitive, field names are lower case):
//
//   expression := [ or ]                       empty or blank text matches every device
//   or         := and { "or" and }
//   and        := not { "and" not }            precedence: not > and > or
//   not        := "not" not | primary
//   primary    := "(" or ")"
//               | "has" label                  the device carries that label (any value)
//               | field ("=="|"!="|"<"|"<="|">"|">=") value
//               | field ["not"] "in" "[" value { "," value } "]"
//               | field "~" string             glob: '*' any run of characters, '?' one character
//               | "busy"                       same as busy == true
//   field      := "id" | "class" | "region" | "version" | "security_version" | "svn" | "bank" | "state"
//               | "busy" | "label." key        key := [A-Za-z0-9_.-]+
//   value      := string | integer | "true" | "false"
//   string     := '"' characters, with \" and \\ as the only escapes '"'
//   integer    := ["-"] digits                 64-bit
//
// Types, checked while parsing:
//   id, class, region, state, label.<key>: text; ==, !=, in, not in, ~ (no ordering: text has none here).
//   bank: text that must be "A" or "B" (any pattern with ~).
//   version: a string compared by semver precedence (see semver.h), so "1.10.0" > "1.9.0", "2.1" == "2.1.0"
//            and "2.1.0-rc.1" < "2.1.0"; ordering operators need a valid version on the right; ~ matches
//            the version text as reported. Versions that do not parse sort before every valid version.
//   security_version / svn: integer; every comparison and in. busy: true/false; ==, !=, in, bare "busy".
// A label the device does not carry is absent: ==, in and ~ are false for it, != and not in are true.
// Limits: FilterParser::MaxLength characters and FilterParser::MaxDepth levels of '(' and 'not'.
#pragma once

#include "core/device_record.h"
#include "core/filter_error.h"
#include "core/filter_sql_compiler.h"
#include "core/result.h"

#include <QString>
#include <QStringView>

#include <memory>

namespace otter {

struct FilterNode;

// Immutable once parsed and cheap to copy (the compiled tree is shared), so it can be evaluated from
// several threads at once.
class FilterExpression
{
public:
    // The empty filter: matches every device.
    FilterExpression();

    // On failure the Result's message reads "column N: …"; pass error to also get the position apart,
    // e.g. to underline it in an editor. Every failure is ErrorKind::InvalidInput.
    static Result<FilterExpression> parse(QStringView text, FilterError *error = nullptr);

    bool matchesAll() const { return !m_root; }
    bool matches(const DeviceRecord &device) const;

    // A parameterised SQLite condition with exactly the meaning of matches(); see FilterSqlColumns for
    // what the table must hold.
    SqlFragment toSql(const FilterSqlColumns &columns = FilterSqlColumns()) const;

    // The text as it was parsed.
    QString text() const { return m_text; }
    // Normalised and fully parenthesised, e.g. "((class == \"a\" and not version < \"2.1.0\") or busy ==
    // true)"; parses back to the same filter.
    QString canonicalText() const;

private:
    std::shared_ptr<const FilterNode> m_root;
    QString m_text;
};

} // namespace otter
