// Glob matching for filter expressions, kept identical to SQLite GLOB so SQL and in-memory filters agree.
#include "core/filter_glob.h"

namespace otter {

namespace {

// Length of the code point at i: a valid surrogate pair counts as one character, as in UTF-8.
qsizetype codePointLength(QStringView s, qsizetype i)
{
    if (s[i].isHighSurrogate() && i + 1 < s.size() && s[i + 1].isLowSurrogate())
        return 2;
    return 1;
}

} // namespace

bool FilterGlob::matches(QStringView text, QStringView pattern)
{
    qsizetype t = 0;
    qsizetype p = 0;
    // Where the last '*' was and how much text it has swallowed so far: on a mismatch we let that star
    // take one more character instead of recursing, which keeps the cost polynomial.
    qsizetype starPattern = -1;
    qsizetype starText = 0;
    while (t < text.size()) {
        if (p < pattern.size() && pattern[p] == u'*') {
            starPattern = p++;
            starText = t;
            continue;
        }
        if (p < pattern.size() && pattern[p] == u'?') {
            t += codePointLength(text, t);
            ++p;
            continue;
        }
        if (p < pattern.size() && pattern[p] == text[t]) {
            ++p;
            ++t;
            continue;
        }
        if (starPattern < 0)
            return false;
        p = starPattern + 1;
        starText += codePointLength(text, starText);
        t = starText;
    }
    while (p < pattern.size() && pattern[p] == u'*')
        ++p;
    return p == pattern.size();
}

QString FilterGlob::toSqliteGlob(QStringView pattern)
{
    QString out;
    out.reserve(pattern.size());
    for (QChar c : pattern) {
        if (c == u'[')
            out += QStringLiteral("[[]");
        else
            out += c;
    }
    return out;
}

} // namespace otter
