// Semantic version parsing, precedence and sort keys; see semver.h for the accepted forms.
#include "core/semver.h"

#include <QList>

namespace otter {

namespace {

// Views into the caller's text, so comparing two versions never allocates.
struct VersionView
{
    QStringView majorNumber;
    QStringView minorNumber;
    QStringView patchNumber;
    QStringView prerelease;
    QStringView build;
};

bool isDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

bool isIdentifierChar(QChar c)
{
    return isDigit(c) || (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || c == u'-';
}

bool isAllDigits(QStringView s)
{
    for (QChar c : s) {
        if (!isDigit(c))
            return false;
    }
    return true;
}

QStringView stripLeadingZeros(QStringView digits)
{
    qsizetype i = 0;
    while (i + 1 < digits.size() && digits[i] == u'0')
        ++i;
    return digits.mid(i);
}

// Reads the digits at the start of text; an empty result means no number was there.
QStringView takeNumber(QStringView text, qsizetype &pos)
{
    const qsizetype start = pos;
    while (pos < text.size() && isDigit(text[pos]))
        ++pos;
    return text.mid(start, pos - start);
}

// Dot-separated, non-empty identifiers of [0-9A-Za-z-]; numeric ones must fit the sort key.
bool validIdentifiers(QStringView list)
{
    if (list.isEmpty())
        return false;
    qsizetype identifierLength = 0;
    bool numeric = true;
    for (qsizetype i = 0; i <= list.size(); ++i) {
        if (i == list.size() || list[i] == u'.') {
            if (identifierLength == 0)
                return false;
            if (numeric && stripLeadingZeros(list.mid(i - identifierLength, identifierLength)).size() >
                               SemVer::MaxDigits)
                return false;
            identifierLength = 0;
            numeric = true;
            continue;
        }
        if (!isIdentifierChar(list[i]))
            return false;
        numeric = numeric && isDigit(list[i]);
        ++identifierLength;
    }
    return true;
}

std::optional<VersionView> parseView(QStringView text)
{
    static const QStringView zero = u"0";
    qsizetype pos = 0;
    if (pos < text.size() && (text[pos] == u'v' || text[pos] == u'V'))
        ++pos;
    VersionView v;
    QStringView *parts[] = {&v.majorNumber, &v.minorNumber, &v.patchNumber};
    for (int i = 0; i < 3; ++i) {
        if (i > 0) {
            if (pos >= text.size() || text[pos] != u'.') {
                *parts[i] = zero; // tolerated: "2.1" means "2.1.0"
                continue;
            }
            ++pos;
        }
        const QStringView number = takeNumber(text, pos);
        if (number.isEmpty() || stripLeadingZeros(number).size() > SemVer::MaxDigits)
            return std::nullopt;
        *parts[i] = stripLeadingZeros(number);
    }
    if (pos < text.size() && text[pos] == u'-') {
        const qsizetype start = ++pos;
        while (pos < text.size() && text[pos] != u'+')
            ++pos;
        v.prerelease = text.mid(start, pos - start);
        if (!validIdentifiers(v.prerelease))
            return std::nullopt;
    }
    if (pos < text.size() && text[pos] == u'+') {
        v.build = text.mid(pos + 1);
        if (!validIdentifiers(v.build))
            return std::nullopt;
        pos = text.size();
    }
    if (pos != text.size())
        return std::nullopt;
    return v;
}

int sign(qsizetype value)
{
    return value < 0 ? -1 : (value > 0 ? 1 : 0);
}

// Both are digit strings without leading zeros: the longer is larger, equal lengths compare as text.
int compareNumbers(QStringView a, QStringView b)
{
    if (a.size() != b.size())
        return sign(a.size() - b.size());
    return sign(a.compare(b));
}

// Semver rule 11.4: identifier by identifier; numeric < alphanumeric; a shorter list that is a prefix of
// a longer one sorts first.
int comparePrerelease(QStringView a, QStringView b)
{
    qsizetype i = 0;
    qsizetype j = 0;
    while (i < a.size() && j < b.size()) {
        qsizetype ie = a.indexOf(u'.', i);
        qsizetype je = b.indexOf(u'.', j);
        if (ie < 0)
            ie = a.size();
        if (je < 0)
            je = b.size();
        const QStringView x = a.mid(i, ie - i);
        const QStringView y = b.mid(j, je - j);
        const bool xNumeric = isAllDigits(x);
        const bool yNumeric = isAllDigits(y);
        int result = 0;
        if (xNumeric && yNumeric)
            result = compareNumbers(stripLeadingZeros(x), stripLeadingZeros(y));
        else if (xNumeric != yNumeric)
            result = xNumeric ? -1 : 1;
        else
            result = sign(x.compare(y)); // identifiers are ASCII, so this is ASCII order
        if (result != 0)
            return result;
        i = ie + 1;
        j = je + 1;
    }
    const bool aLeft = i < a.size();
    const bool bLeft = j < b.size();
    return aLeft == bLeft ? 0 : (aLeft ? 1 : -1);
}

int compareViews(const VersionView &a, const VersionView &b)
{
    if (int r = compareNumbers(a.majorNumber, b.majorNumber))
        return r;
    if (int r = compareNumbers(a.minorNumber, b.minorNumber))
        return r;
    if (int r = compareNumbers(a.patchNumber, b.patchNumber))
        return r;
    // A release has higher precedence than any of its prereleases.
    if (a.prerelease.isEmpty() || b.prerelease.isEmpty())
        return a.prerelease.isEmpty() == b.prerelease.isEmpty() ? 0 : (a.prerelease.isEmpty() ? 1 : -1);
    return comparePrerelease(a.prerelease, b.prerelease);
}

void appendNumber(QString &key, QStringView digits)
{
    const QStringView stripped = stripLeadingZeros(digits);
    key += QString::number(stripped.size()).rightJustified(2, u'0');
    key += stripped;
}

} // namespace

std::optional<SemVer> SemVer::parse(QStringView text)
{
    const std::optional<VersionView> v = parseView(text);
    if (!v)
        return std::nullopt;
    return SemVer{v->majorNumber.toString(), v->minorNumber.toString(), v->patchNumber.toString(),
                  v->prerelease.toString(), v->build.toString()};
}

int SemVer::compare(const SemVer &other) const
{
    const VersionView a{majorNumber, minorNumber, patchNumber, prerelease, build};
    const VersionView b{other.majorNumber, other.minorNumber, other.patchNumber, other.prerelease,
                        other.build};
    return compareViews(a, b);
}

QString SemVer::toString() const
{
    QString text = majorNumber + u'.' + minorNumber + u'.' + patchNumber;
    if (!prerelease.isEmpty())
        text += u'-' + prerelease;
    if (!build.isEmpty())
        text += u'+' + build;
    return text;
}

bool isSemVer(QStringView text)
{
    return parseView(text).has_value();
}

int compareVersions(QStringView a, QStringView b)
{
    const std::optional<VersionView> va = parseView(a);
    const std::optional<VersionView> vb = parseView(b);
    if (va && vb)
        return compareViews(*va, *vb);
    if (va || vb)
        return va ? 1 : -1; // not-a-version sorts before every version
    // Rare path: two non-versions order by their keys, which is UTF-8 byte order by construction.
    return sign(semverSortKey(a).compare(semverSortKey(b)));
}

QString semverSortKey(QStringView version)
{
    const std::optional<VersionView> v = parseView(version);
    if (!v)
        return QLatin1Char('0') + QString::fromLatin1(version.toUtf8().toHex());

    QString key = QStringLiteral("1");
    appendNumber(key, v->majorNumber);
    key += u'.';
    appendNumber(key, v->minorNumber);
    key += u'.';
    appendNumber(key, v->patchNumber);
    if (v->prerelease.isEmpty()) {
        key += u'~'; // sorts after '-', so a release follows its prereleases
        return key;
    }
    key += u'-';
    bool first = true;
    for (QStringView identifier : v->prerelease.split(u'.')) {
        if (!first)
            key += u'!'; // below every identifier character: a shorter identifier list sorts first
        first = false;
        if (isAllDigits(identifier)) {
            key += u'n';
            appendNumber(key, identifier);
        } else {
            key += u't';
            key += identifier;
        }
    }
    return key;
}

} // namespace otter
