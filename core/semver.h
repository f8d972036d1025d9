// Semantic versions (semver 2.0.0): parsing, precedence, and a sort key whose byte order equals precedence.
#pragma once

#include <QString>
#include <QStringView>

#include <optional>

namespace otter {

// A parsed version. Numeric parts are kept as digit strings (leading zeros removed) so that numbers of any
// length compare correctly without overflow.
//
// Accepted text: an optional 'v' or 'V', then MAJOR[.MINOR[.PATCH]][-PRERELEASE][+BUILD]. Deviations from
// the strict spec, chosen because device firmware reports versions loosely:
//  - a missing MINOR or PATCH counts as 0, so "2.1" equals "2.1.0" and "2" equals "2.0.0";
//  - leading zeros are tolerated and ignored ("1.02.0" equals "1.2.0"; prerelease "rc.01" equals "rc.1");
//  - a leading "v" is ignored ("v2.1.0" equals "2.1.0").
// Numbers longer than MaxDigits digits make the text "not a version".
struct SemVer
{
    static constexpr int MaxDigits = 64;

    QString majorNumber;
    QString minorNumber;
    QString patchNumber;
    QString prerelease; // dot-separated identifiers, empty for a release
    QString build;      // dot-separated identifiers; ignored by every comparison

    static std::optional<SemVer> parse(QStringView text);

    // <0, 0 or >0 by semver precedence (build metadata ignored).
    int compare(const SemVer &other) const;
    QString toString() const;

    friend bool operator==(const SemVer &a, const SemVer &b) { return a.compare(b) == 0; }
    friend bool operator<(const SemVer &a, const SemVer &b) { return a.compare(b) < 0; }
};

bool isSemVer(QStringView text);

// A total order over any two strings: versions by semver precedence; every string that is not a version
// sorts before every version, and such strings order among themselves by Unicode code point (UTF-8 bytes).
// Does not allocate when both are versions, which is the common case when filtering a fleet.
int compareVersions(QStringView a, QStringView b);

// An ASCII key whose plain byte-wise order equals compareVersions(), for storing in a database column
// that SQL can compare and sort with its default (binary) collation. Equal keys mean equal precedence.
//  - a version: "1" + N(major) "." N(minor) "." N(patch), then "~" for a release or "-" and the prerelease
//    identifiers joined by "!" (numeric identifier: "n" N(value); other identifier: "t" + its text),
//    where N(x) is the two-digit count of digits followed by the digits, e.g. N(10) = "0210";
//  - anything else: "0" followed by the lowercase hex of its UTF-8 bytes.
QString semverSortKey(QStringView version);

} // namespace otter
