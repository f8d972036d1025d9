// Tests for semantic versions: the spec's precedence rules, the tolerated short forms, and a sort key
// whose byte order must equal compareVersions() for any pair of strings.
#include "core/semver.h"

#include <QRandomGenerator>
#include <QTest>

#include <algorithm>

using namespace otter;
using namespace Qt::StringLiterals;

class TestSemVer : public QObject
{
    Q_OBJECT

private slots:
    void parse_data();
    void parse();
    void parsedParts();
    void specPrecedenceChain();
    void compare_data();
    void compare();
    void sortKeyOrderEqualsCompareOnShuffledList();
    void sortKeyOrderEqualsCompareOnGeneratedVersions();
    void sortKeyIsAscii();
    void sortKeyExamples();
};

namespace {

int sign(int value)
{
    return value < 0 ? -1 : (value > 0 ? 1 : 0);
}

// SQLite's BINARY collation compares UTF-8 bytes; the keys must order the same way there.
int keyOrder(const QString &a, const QString &b)
{
    const QByteArray x = semverSortKey(a).toUtf8();
    const QByteArray y = semverSortKey(b).toUtf8();
    return x < y ? -1 : (y < x ? 1 : 0); // QByteArray orders as unsigned bytes, like memcmp
}

} // namespace

void TestSemVer::parse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");

    for (const QString &text :
         {u"1.2.3"_s, u"0.0.0"_s, u"1.2"_s, u"1"_s, u"v1.2.3"_s, u"V1.2.3"_s, u"1.2.3-rc.1"_s,
          u"1.2.3-rc.1+build.5"_s, u"1.2.3+build"_s, u"1.2-rc1"_s, u"1.0.0-x-y-z.--"_s, u"01.2.3"_s,
          u"1.0.0-alpha.01"_s, u"1.0.0+0.build.1-rc.10000aaa-kk-0.1"_s})
        QTest::newRow(qPrintable(u"valid "_s + text)) << text << true;
    const QString tooManyDigits = QString(SemVer::MaxDigits + 1, u'9') + u".0.0"_s;
    for (const QString &text : {QString(), u"1."_s, u"1..2"_s, u"1.2.3.4"_s, u"1.2.3-"_s, u"1.2.3-rc..1"_s,
                                u"1.2.3+"_s, u"a.b.c"_s, u"1.2.3-rc_1"_s, u" 1.2.3"_s, u"1.2.3 "_s,
                                u"-1.2.3"_s, u"vv1"_s, u"v"_s, u"1.2.3-ä"_s, u"1.2.x"_s, tooManyDigits})
        QTest::newRow(qPrintable(u"invalid '"_s + text + u'\'')) << text << false;
}

void TestSemVer::parse()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    QCOMPARE(isSemVer(text), valid);
    QCOMPARE(SemVer::parse(text).has_value(), valid);
    // Valid versions get a key starting "1", everything else "0".
    QCOMPARE(semverSortKey(text).startsWith(u'1'), valid);
}

void TestSemVer::parsedParts()
{
    const std::optional<SemVer> v = SemVer::parse(u"v01.2-rc.1+exp.sha.5114f85"_s);
    QVERIFY(v);
    QCOMPARE(v->majorNumber, u"1"_s);
    QCOMPARE(v->minorNumber, u"2"_s);
    QCOMPARE(v->patchNumber, u"0"_s);
    QCOMPARE(v->prerelease, u"rc.1"_s);
    QCOMPARE(v->build, u"exp.sha.5114f85"_s);
    QCOMPARE(v->toString(), u"1.2.0-rc.1+exp.sha.5114f85"_s);
    QVERIFY(*v == *SemVer::parse(u"1.2.0-rc.1"_s));
    QVERIFY(*v < *SemVer::parse(u"1.2.0"_s));
}

void TestSemVer::specPrecedenceChain()
{
    // Semver 2.0.0, section 11: each entry has lower precedence than the next.
    const QStringList chain = {u"1.0.0-alpha"_s, u"1.0.0-alpha.1"_s, u"1.0.0-alpha.beta"_s,
                               u"1.0.0-beta"_s,  u"1.0.0-beta.2"_s,  u"1.0.0-beta.11"_s,
                               u"1.0.0-rc.1"_s,  u"1.0.0"_s,         u"2.0.0"_s,
                               u"2.1.0"_s,       u"2.1.1"_s};
    for (int i = 0; i < chain.size(); ++i) {
        for (int j = 0; j < chain.size(); ++j) {
            const int expected = sign(i - j);
            QCOMPARE(sign(compareVersions(chain[i], chain[j])), expected);
            QCOMPARE(sign(SemVer::parse(chain[i])->compare(*SemVer::parse(chain[j]))), expected);
            QCOMPARE(keyOrder(chain[i], chain[j]), expected);
        }
    }
}

void TestSemVer::compare_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<int>("expected");

    QTest::newRow("numeric, not text") << u"1.10.0"_s << u"1.9.0"_s << 1;
    QTest::newRow("minor padded") << u"2.1"_s << u"2.1.0"_s << 0;
    QTest::newRow("major only") << u"2"_s << u"2.0.0"_s << 0;
    QTest::newRow("build ignored") << u"1.0.0+build.1"_s << u"1.0.0+build.2"_s << 0;
    QTest::newRow("v prefix") << u"v2.0.0"_s << u"2.0.0"_s << 0;
    QTest::newRow("leading zeros") << u"1.02.0"_s << u"1.2.0"_s << 0;
    QTest::newRow("prerelease leading zeros") << u"1.0.0-rc.01"_s << u"1.0.0-rc.1"_s << 0;
    QTest::newRow("prerelease before release") << u"2.1.0-rc.1"_s << u"2.1.0"_s << -1;
    QTest::newRow("numeric identifier before text") << u"1.0.0-1"_s << u"1.0.0-a"_s << -1;
    QTest::newRow("text identifiers in ASCII order") << u"1.0.0-Z"_s << u"1.0.0-a"_s << -1;
    QTest::newRow("hyphen in identifier") << u"1.0.0-alpha"_s << u"1.0.0-alpha-1"_s << -1;
    QTest::newRow("shorter identifier first") << u"1.0.0-alpha.x"_s << u"1.0.0-alpha1"_s << -1;
    QTest::newRow("huge numbers") << u"100000000000000000000000.0.0"_s << u"99999999999999999999999.0.0"_s
                                  << 1;
    QTest::newRow("huge prerelease numbers")
        << u"1.0.0-99999999999999999999999"_s << u"1.0.0-100000000000000000000000"_s << -1;
    QTest::newRow("non-version before version") << u"garbage"_s << u"0.0.0-0"_s << -1;
    QTest::newRow("empty before non-version") << QString() << u"garbage"_s << -1;
    QTest::newRow("non-versions by text") << u"abc"_s << u"abd"_s << -1;
    QTest::newRow("non-versions equal") << u"abc"_s << u"abc"_s << 0;
    QTest::newRow("non-versions by code point") << u"é"_s << u"z"_s << 1;
    // UTF-16 would put the surrogate pair first; code point (and UTF-8) order puts it last.
    QTest::newRow("non-BMP after U+FFFD") << u"😀"_s << u"\uFFFD"_s << 1;
}

void TestSemVer::compare()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(int, expected);
    QCOMPARE(sign(compareVersions(a, b)), expected);
    QCOMPARE(sign(compareVersions(b, a)), -expected);
    QCOMPARE(keyOrder(a, b), expected);
    QCOMPARE(semverSortKey(a) == semverSortKey(b), expected == 0);
}

void TestSemVer::sortKeyOrderEqualsCompareOnShuffledList()
{
    QStringList versions = {u"1.0.0-alpha"_s, u"1.0.0-alpha.1"_s, u"1.0.0-alpha.beta"_s,
                            u"1.0.0-beta"_s,  u"1.0.0-beta.2"_s,  u"1.0.0-beta.11"_s,
                            u"1.0.0-rc.1"_s,  u"1.0.0"_s,         u"1.9.0"_s,
                            u"1.10.0"_s,      u"1.10.0+b"_s,      u"2"_s,
                            u"2.1"_s,         u"2.1.0-rc.1"_s,    u"10.0.0"_s,
                            u"unknown"_s,     QString(),          u"release-7"_s,
                            u"ünï"_s,         u"v3.0.0"_s,        u"3.0.0-0"_s,
                            u"0.0.1"_s,       u"1.0.0-0.3.7"_s,   u"1.0.0-x.7.z.92"_s};
    QRandomGenerator rng(42);
    std::shuffle(versions.begin(), versions.end(), rng);

    QStringList byCompare = versions;
    std::stable_sort(byCompare.begin(), byCompare.end(),
                     [](const QString &a, const QString &b) { return compareVersions(a, b) < 0; });
    QStringList byKey = versions;
    std::stable_sort(byKey.begin(), byKey.end(),
                     [](const QString &a, const QString &b) { return keyOrder(a, b) < 0; });
    // Both sorts are stable over the same shuffled input, so equal orders give identical lists.
    QCOMPARE(byKey, byCompare);
    QCOMPARE(byCompare.indexOf(u"1.9.0"_s) + 1, byCompare.indexOf(u"1.10.0"_s));
    QVERIFY(byCompare.indexOf(u"unknown"_s) < byCompare.indexOf(u"0.0.1"_s));
}

void TestSemVer::sortKeyOrderEqualsCompareOnGeneratedVersions()
{
    // Small alphabets so that equal parts, prefixes and numeric/text mixes are common.
    QRandomGenerator rng(1234);
    const QStringList identifiers = {u"0"_s, u"1"_s,  u"2"_s,     u"10"_s, u"01"_s, u"a"_s,
                                     u"b"_s, u"a1"_s, u"alpha"_s, u"A"_s,  u"-"_s,  u"rc-1"_s};
    QStringList versions;
    for (int i = 0; i < 300; ++i) {
        QString v = QString::number(rng.bounded(3));
        const int parts = rng.bounded(3);
        for (int p = 0; p < parts; ++p)
            v += u'.' + QString::number(rng.bounded(12));
        if (rng.bounded(2)) {
            QStringList pre;
            const int count = 1 + rng.bounded(3);
            for (int p = 0; p < count; ++p)
                pre.append(identifiers.at(rng.bounded(int(identifiers.size()))));
            v += u'-' + pre.join(u'.');
        }
        if (rng.bounded(4) == 0)
            v += u"+b."_s + QString::number(rng.bounded(9));
        if (rng.bounded(10) == 0)
            v.insert(rng.bounded(int(v.size()) + 1), u'_'); // not a version any more
        versions.append(v);
    }
    for (const QString &a : versions) {
        for (const QString &b : versions) {
            if (sign(compareVersions(a, b)) != keyOrder(a, b))
                QFAIL(qPrintable(u"%1 vs %2 disagree"_s.arg(a, b)));
        }
    }
}

void TestSemVer::sortKeyIsAscii()
{
    for (const QString &text : {u"1.0.0-alpha"_s, u"ünï"_s, u"😀"_s, u"\u0000x"_s, u"v9.9.9+ä"_s}) {
        for (QChar c : semverSortKey(text))
            QVERIFY2(c.unicode() >= 0x21 && c.unicode() < 0x7f, qPrintable(text));
    }
}

void TestSemVer::sortKeyExamples()
{
    // The documented layout, so keys already stored in a database stay valid.
    QCOMPARE(semverSortKey(u"1.10.0"_s), u"1011.0210.010~"_s);
    QCOMPARE(semverSortKey(u"1.0.0-alpha.1"_s), u"1011.010.010-talpha!n011"_s);
    QCOMPARE(semverSortKey(u"abc"_s), u"0616263"_s);
}

QTEST_APPLESS_MAIN(TestSemVer)
#include "tst_semver.moc"
