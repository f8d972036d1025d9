// records_json: drafts round-trip through JSON, and malformed JSON is refused rather than half read.
#include "models/records_json.h"

#include <QJsonDocument>
#include <QTest>
#include <QTimeZone>

using namespace Qt::StringLiterals;
using namespace otter::models;

class TestRecordsJson : public QObject
{
    Q_OBJECT

private slots:
    void roundTrips()
    {
        const QDateTime when = QDateTime::fromMSecsSinceEpoch(1700000000123, QTimeZone::utc());
        GroupRecord group{u"g"_s, u"name"_s, u"d"_s, QString(), {}, u"olga"_s, when, u"oscar"_s, when, 4};
        QCOMPARE(groupFromJson(toJson(group))->filter, std::optional<QString>(QString()));
        QCOMPARE(groupFromJson(toJson(group))->updatedAt, when);
        group.filter.reset();
        group.staticMembers = {u"a"_s, u"b"_s};
        const auto back = groupFromJson(toJson(group));
        QVERIFY(back && !back->filter);
        QCOMPARE(back->staticMembers, group.staticMembers);
        QCOMPARE(back->revision, 4);

        WindowRecord window;
        window.id = u"w"_s;
        window.weekdays = {1, 7};
        window.startHour = 23;
        window.durationSeconds = 7200;
        const auto w = windowFromJson(toJson(window));
        QVERIFY(w);
        QCOMPARE(w->weekdays, window.weekdays);
        QCOMPARE(w->durationSeconds, 7200);

        RolloutRecord rollout;
        rollout.id = u"r"_s;
        rollout.stages = {{1, 600, 99.5}, {100, 0, 95}};
        rollout.minFinished = 20;
        rollout.approved = {u"abe"_s, when, u"ok"_s};
        rollout.autoPaused = true;
        const auto r =
            rolloutFromJson(QJsonDocument::fromJson(QJsonDocument(toJson(rollout)).toJson()).object());
        QVERIFY(r);
        QCOMPARE(r->stages.size(), 2);
        QCOMPARE(r->stages.at(0).minSuccessPercent, 99.5);
        QCOMPARE(r->approved.actor, u"abe"_s);
        QCOMPARE(r->approved.time, when);
        QVERIFY(r->autoPaused);
        QVERIFY(r->submitted.actor.isEmpty());
    }

    void refusesMalformed_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::newRow("no id") << QByteArray(R"({"name":"x"})");
        QTest::newRow("id not text") << QByteArray(R"({"id":5})");
        QTest::newRow("weekday out of range") << QByteArray(R"({"id":"w","weekdays":[8]})");
        QTest::newRow("bad time") << QByteArray(R"({"id":"w","createdAt":"yesterday"})");
        QTest::newRow("fractional revision") << QByteArray(R"({"id":"w","revision":1.5})");
    }

    void refusesMalformed()
    {
        QFETCH(QByteArray, json);
        QVERIFY(!windowFromJson(QJsonDocument::fromJson(json).object()));
    }
};

QTEST_GUILESS_MAIN(TestRecordsJson)
#include "tst_records_json.moc"
