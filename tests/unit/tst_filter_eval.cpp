// Tests for evaluating filter expressions over device records: semver order, missing labels, globs.
#include "core/filter_expression.h"

#include <QTest>

using namespace otter;
using namespace Qt::StringLiterals;

class TestFilterEval : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void matches_data();
    void matches();
    void copiesShareTheCompiledFilter();

private:
    QList<DeviceRecord> m_devices;
};

namespace {

DeviceRecord device(const QString &id, const QString &hardwareClass, const QString &region,
                    const QString &version, qint64 svn, const QString &bank, const QString &state, bool busy,
                    const QMap<QString, QString> &labels)
{
    DeviceRecord d;
    d.id = id;
    d.hardwareClass = hardwareClass;
    d.region = region;
    d.firmwareVersion = version;
    d.securityVersion = svn;
    d.bank = bank;
    d.state = state;
    d.busy = busy;
    d.labels = labels;
    return d;
}

} // namespace

void TestFilterEval::initTestCase()
{
    // Devices are numbered 1..6; each row below names the ones that must match.
    m_devices = {
        device(u"gw-0001"_s, u"gw-200"_s, u"eu-west"_s, u"2.0.5"_s, 7, u"A"_s, u"idle"_s, false,
               {{u"ring"_s, u"canary"_s}, {u"site"_s, u"berlin-1"_s}}),
        device(u"gw-0002"_s, u"gw-200"_s, u"eu-north"_s, u"2.1.0"_s, 8, u"B"_s, u"updating"_s, true,
               {{u"ring"_s, u"stable"_s}}),
        device(u"sn-0003"_s, u"sensor-10"_s, u"us-east"_s, u"1.10.0"_s, 3, u"A"_s, u"idle"_s, false, {}),
        device(u"gw-0004"_s, u"gw-100"_s, u"eu-west"_s, u"2.1.0-rc.1"_s, 8, u"B"_s, u"failed"_s, false,
               {{u"ring"_s, u"canary"_s}, {u"a.b"_s, u"x*y"_s}}),
        device(u"odd-5"_s, QString(), QString(), u"unknown"_s, 0, QString(), QString(), true,
               {{u"ring"_s, QString()}}),
        device(u"sn-0006"_s, u"sensor-10"_s, u"us-west"_s, u"1.9.0"_s, 2, u"A"_s, u"idle"_s, false,
               {{u"site"_s, u"café"_s}, {u"tag"_s, u"[beta]"_s}}),
    };
}

void TestFilterEval::matches_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QString>("expected"); // the numbers of the matching devices, e.g. "136"

    auto row = [](const QString &expression, const char *expected) {
        QTest::newRow(qPrintable(expression)) << expression << QString::fromLatin1(expected);
    };
    row(QString(), "123456");
    // text fields and globs
    row(u"class == \"gw-200\""_s, "12");
    row(u"class != \"gw-200\""_s, "3456");
    row(u"class ~ \"gw-*\""_s, "124");
    row(u"class ~ \"gw-?00\""_s, "124");
    row(u"class ~ \"*-10\""_s, "36");
    row(u"class ~ \"gw\""_s, "");
    row(u"class ~ \"*\""_s, "123456");
    row(u"class ~ \"?*\""_s, "12346");
    row(u"id ~ \"gw-000?\""_s, "124");
    row(u"id == \"gw-0001\" or id == \"sn-0006\""_s, "16");
    row(u"region in [\"eu-west\",\"eu-north\"]"_s, "124");
    row(u"region not in [\"eu-west\",\"eu-north\"]"_s, "356");
    row(u"state == \"idle\""_s, "136");
    // versions by semver precedence; "unknown" sorts before every version
    row(u"version > \"1.9.0\""_s, "1234");
    row(u"version == \"1.10\""_s, "3");
    row(u"version < \"2.1.0\""_s, "13456");
    row(u"version >= \"2.1.0-rc.1\""_s, "24");
    row(u"version < \"2.1.0-rc.2\""_s, "13456");
    row(u"version <= \"1.10.0+build.9\""_s, "356");
    row(u"version in [\"2.1\", \"1.9.0+build.7\"]"_s, "26");
    row(u"version not in [\"2.1\", \"1.9.0+build.7\"]"_s, "1345");
    row(u"version == \"unknown\""_s, "5");
    row(u"version ~ \"2.1.*\""_s, "24");
    row(u"not version < \"2.1.0\""_s, "2");
    // integers and booleans
    row(u"svn >= 8"_s, "24");
    row(u"svn < 3"_s, "56");
    row(u"svn != 8"_s, "1356");
    row(u"security_version in [0, 3]"_s, "35");
    row(u"security_version not in [0, 3]"_s, "1246");
    row(u"bank == \"A\""_s, "136");
    row(u"bank != \"A\""_s, "245");
    row(u"bank ~ \"?\""_s, "12346");
    row(u"busy"_s, "25");
    row(u"not busy"_s, "1346");
    row(u"busy == false"_s, "1346");
    row(u"busy != false"_s, "25");
    row(u"busy in [true]"_s, "25");
    // labels: a missing label is absent
    row(u"label.ring == \"canary\""_s, "14");
    row(u"label.ring != \"canary\""_s, "2356");
    row(u"not label.ring == \"canary\""_s, "2356");
    row(u"label.ring in [\"canary\", \"stable\"]"_s, "124");
    row(u"label.ring not in [\"canary\"]"_s, "2356");
    row(u"has label.ring"_s, "1245");
    row(u"not has label.ring"_s, "36");
    row(u"label.ring == \"\""_s, "5");
    row(u"label.ring ~ \"*\""_s, "1245");
    row(u"label.nope == \"x\""_s, "");
    row(u"label.nope != \"x\""_s, "123456");
    row(u"label.a.b ~ \"x*y\""_s, "4");
    row(u"label.a.b ~ \"x[*]y\""_s, ""); // '[' is an ordinary character
    row(u"label.tag ~ \"[*]\""_s, "6");
    row(u"label.tag == \"[beta]\""_s, "6");
    row(u"label.site ~ \"caf?\""_s, "6");
    row(u"label.site ~ \"berlin-?\""_s, "1");
    row(u"label.site == \"café\""_s, "6");
    // precedence
    row(u"class == \"gw-200\" or class == \"gw-100\" and busy"_s, "12");
    row(u"(class == \"gw-200\" or class == \"gw-100\") and busy"_s, "2");
    row(u"not class == \"gw-200\" and region == \"eu-west\""_s, "4");
    row(u"not (class == \"gw-200\" and region == \"eu-west\")"_s, "23456");
    row(u"class == \"gw-200\" and region in [\"eu-west\",\"eu-north\"] and label.ring == \"canary\" and "
        "version < \"2.1.0\""_s,
        "1");
    row(u"class == \"gw-200\" and region in [\"eu-west\",\"eu-north\"] and label.ring == \"canary\" and not "
        "version < \"2.1.0\""_s,
        "");
}

void TestFilterEval::matches()
{
    QFETCH(QString, expression);
    QFETCH(QString, expected);

    const Result<FilterExpression> filter = FilterExpression::parse(expression);
    QVERIFY2(filter.ok(), qPrintable(filter.errorMessage()));
    QString actual;
    for (int i = 0; i < m_devices.size(); ++i) {
        if (filter->matches(m_devices.at(i)))
            actual += QString::number(i + 1);
    }
    QCOMPARE(actual, expected);
}

void TestFilterEval::copiesShareTheCompiledFilter()
{
    FilterExpression copy;
    {
        const Result<FilterExpression> parsed = FilterExpression::parse(u"label.ring == \"canary\""_s);
        QVERIFY(parsed.ok());
        copy = parsed.value();
    }
    // The original is gone; the copy still evaluates.
    QVERIFY(copy.matches(m_devices.at(0)));
    QVERIFY(!copy.matches(m_devices.at(1)));
}

QTEST_APPLESS_MAIN(TestFilterEval)
#include "tst_filter_eval.moc"
