// Audit exports from the cache, checked with the tools an auditor would use: the CSV parsed back by
// python3's csv module, the JSON Lines verified by the real `otter-sign audit-verify`, the PDF read by
// pdftotext; unwritable targets and cancelled exports leave no file behind.
#include "audit_cache_fixture.h"
#include "cache_fixture.h"

#include "models/audit_exporter.h"

#include <QDir>
#include <QJsonArray>
#include <QProcess>

using namespace otter::models;
using namespace otter::models::test;

namespace {

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

Run run(const QString &program, const QStringList &arguments)
{
    QProcess process;
    process.start(program, arguments);
    Run result;
    if (!process.waitForFinished(60000)) {
        result.err = u"%1 did not finish: %2"_s.arg(program, process.errorString());
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

QString otterSign()
{
    return qEnvironmentVariable("OTTER_SIGN");
}

QDateTime syncedAt()
{
    return QDateTime(QDate(2026, 3, 3), QTime(12, 34, 56, 789), QTimeZone::utc());
}

AuditExportOutcome exportTo(const CacheDatabase &database, AuditExportFormat format, const QString &path,
                            const AuditFilter &filter = {}, const AuditExportControl &control = {})
{
    AuditExportRequest request;
    request.format = format;
    request.path = path;
    request.filter = filter;
    request.syncedAt = syncedAt();
    request.chainStatus = u"Chain intact — checked in the test"_s;
    return AuditExporter::run(database, request, control);
}

QStringList csvRow(const AuditRecord &r)
{
    return {QString::number(r.seq),
            r.time.toUTC().toString(u"yyyy-MM-dd'T'HH:mm:ss.zzz'Z'"_s),
            r.actor,
            r.action,
            r.object,
            r.detailsJson,
            r.prevHash,
            r.hash,
            u"2026-03-03T12:34:56.789Z"_s};
}

} // namespace

class TestAuditExports : public QObject
{
    Q_OBJECT

private slots:
    void csvParsesBackWithPython_data();
    void csvParsesBackWithPython();
    void jsonLinesVerifyWithOtterSign();
    void jsonLinesOfTamperedCacheDoNotVerify();
    void pdfReportNamesPeriodRolloutsAndHead();
    void unwritableTargetLeavesNoFile_data();
    void unwritableTargetLeavesNoFile();
    void cancelledExportLeavesNoFile();
};

void TestAuditExports::csvParsesBackWithPython_data()
{
    QTest::addColumn<AuditFilter>("filter");
    QTest::addColumn<int>("expected");
    QTest::newRow("whole log") << AuditFilter{} << 40;
    QTest::newRow("actor olga") << AuditFilter{{}, {}, u"olga"_s, {}, {}} << 10;
    QTest::newRow("rollout actions in a range")
        << AuditFilter{auditBaseTime().addSecs(600), auditBaseTime().addSecs(1800), {}, u"rollout"_s, {}}
        << 16;
}

void TestAuditExports::csvParsesBackWithPython()
{
    QFETCH(AuditFilter, filter);
    QFETCH(int, expected);
    CacheFixture cache;
    const QList<AuditRecord> records = sealedAuditRecords(40);
    QVERIFY(storeAudit(cache.database, records).ok());
    const QString path = cache.dir.filePath(u"audit.csv"_s);
    const AuditExportOutcome outcome = exportTo(cache.database, AuditExportFormat::Csv, path, filter);
    QVERIFY2(outcome.ok, qPrintable(outcome.message));
    QCOMPARE(outcome.entries, expected);
    QVERIFY(outcome.message.contains(u"2026-03-03"_s)); // says when its data was synced

    const Run parsed =
        run(u"/usr/bin/python3"_s, {u"-c"_s,
                                    u"import csv, json, sys\n"
                                    u"with open(sys.argv[1], newline='', encoding='utf-8') as f:\n"
                                    u"    print(json.dumps(list(csv.reader(f, strict=True))))\n"_s,
                                    path});
    QVERIFY2(parsed.exitCode == 0, qPrintable(parsed.err));
    const QJsonArray rows = QJsonDocument::fromJson(parsed.out.toUtf8()).array();
    QCOMPARE(rows.size(), expected + 1);
    QCOMPARE(rows.at(0).toVariant().toStringList(),
             (QStringList{u"seq"_s, u"time"_s, u"actor"_s, u"action"_s, u"object"_s, u"details"_s,
                          u"prev_hash"_s, u"hash"_s, u"synced_at"_s}));
    QList<AuditRecord> matching;
    for (const AuditRecord &r : records) {
        const bool inRange =
            (!filter.from.isValid() || r.time >= filter.from) && (!filter.to.isValid() || r.time < filter.to);
        const bool actor = filter.actor.isEmpty() || r.actor == filter.actor;
        const bool action = filter.action.isEmpty() || r.action.startsWith(filter.action + u'.');
        if (inRange && actor && action)
            matching.append(r);
    }
    QCOMPARE(matching.size(), expected);
    for (int i = 0; i < expected; ++i)
        QCOMPARE(rows.at(i + 1).toVariant().toStringList(), csvRow(matching.at(i)));
    // The quoting was exercised: details hold commas and quotes, group objects a line break as well.
    QVERIFY(matching.first().detailsJson.contains(u"\", "_s) || matching.first().detailsJson.contains(u','));
    if (filter.isEmpty())
        QVERIFY(std::any_of(matching.cbegin(), matching.cend(),
                            [](const AuditRecord &r) { return r.object.contains(u'\n'); }));
}

void TestAuditExports::jsonLinesVerifyWithOtterSign()
{
    QVERIFY2(QFileInfo::exists(otterSign()), "OTTER_SIGN must name the otter-sign binary");
    CacheFixture cache;
    const QList<AuditRecord> records = sealedAuditRecords(40);
    QVERIFY(storeAudit(cache.database, records).ok());
    const QString path = cache.dir.filePath(u"audit.jsonl"_s);
    // A filter is set on the page; the chain export ignores it, since a filtered chain cannot verify.
    const AuditExportOutcome outcome =
        exportTo(cache.database, AuditExportFormat::JsonLines, path, AuditFilter{{}, {}, u"olga"_s, {}, {}});
    QVERIFY2(outcome.ok, qPrintable(outcome.message));
    QCOMPARE(outcome.entries, 40);
    QCOMPARE(outcome.chainHead, records.last().hash);
    QVERIFY(outcome.chainProblem.isEmpty());

    const Run verified = run(
        otterSign(), {u"audit-verify"_s, u"--from-genesis"_s, u"--expect-head"_s, records.last().hash, path});
    QVERIFY2(verified.exitCode == 0, qPrintable(verified.err));
    QVERIFY2(verified.out.startsWith(u"OK "_s), qPrintable(verified.out));
    QVERIFY2(verified.out.contains(u"40 entries"_s), qPrintable(verified.out));

    // The trailer states when the data was synced.
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = file.readAll().split('\n');
    QVERIFY(lines.at(lines.size() - 2).contains("\"synced_at\":\"2026-03-03T12:34:56.789Z\""));
}

void TestAuditExports::jsonLinesOfTamperedCacheDoNotVerify()
{
    CacheFixture cache;
    QVERIFY(storeAudit(cache.database, sealedAuditRecords(20)).ok());
    QCOMPARE(sqlite3(cache.path(), u"UPDATE audit SET actor = 'mallory' WHERE seq = 7; SELECT changes();"_s),
             u"1"_s);
    const QString path = cache.dir.filePath(u"audit.jsonl"_s);
    const AuditExportOutcome outcome = exportTo(cache.database, AuditExportFormat::JsonLines, path);
    QVERIFY2(outcome.ok, qPrintable(outcome.message)); // written as evidence…
    QVERIFY2(outcome.chainProblem.contains(u"entry 7"_s), qPrintable(outcome.chainProblem));
    QVERIFY(outcome.message.contains(u"will not verify"_s)); // …with a warning the operator sees
    const Run verified = run(otterSign(), {u"audit-verify"_s, path});
    QCOMPARE(verified.exitCode, 1);
    QVERIFY2(verified.err.contains(u"entry 7"_s), qPrintable(verified.err));
}

void TestAuditExports::pdfReportNamesPeriodRolloutsAndHead()
{
    CacheFixture cache;
    const QList<AuditRecord> records = sealedAuditRecords(40);
    QVERIFY(storeAudit(cache.database, records,
                       {auditRollout(u"r-0"_s, u"Spring canary EU"_s, u"COMPLETED"_s),
                        auditRollout(u"r-1"_s, u"Gateway 2.4 wave"_s, u"PAUSED"_s)})
                .ok());
    const QString path = cache.dir.filePath(u"report.pdf"_s);
    const AuditFilter period{auditBaseTime().addSecs(600), auditBaseTime().addSecs(1800), {}, {}, {}};
    const AuditExportOutcome outcome = exportTo(cache.database, AuditExportFormat::Pdf, path, period);
    QVERIFY2(outcome.ok, qPrintable(outcome.message));
    QCOMPARE(outcome.entries, 20);

    // Kept beside the screenshots so that the report's look can be checked by eye.
    if (const QString shots = qEnvironmentVariable("OTTER_SCREENSHOT_DIR"); !shots.isEmpty()) {
        QDir().mkpath(shots);
        QFile::remove(shots + u"/report-audit-compliance.pdf"_s);
        QFile::copy(path, shots + u"/report-audit-compliance.pdf"_s);
    }
    const Run text = run(u"pdftotext"_s, {path, u"-"_s});
    QVERIFY2(text.exitCode == 0, qPrintable(text.err));
    for (const QString &expected :
         {u"2026-03-02 08:10:00 UTC"_s, u"2026-03-02 08:30:00 UTC"_s, u"Spring canary EU"_s,
          u"Gateway 2.4 wave"_s, u"paused automatically: failure rate 12% above 5%"_s, records.last().hash,
          u"2026-03-03 12:34:56 UTC"_s, u"rollout.approve"_s, u"abe"_s}) {
        QVERIFY2(text.out.contains(expected),
                 qPrintable(u"missing \"%1\" in:\n%2"_s.arg(expected, text.out)));
    }
}

void TestAuditExports::unwritableTargetLeavesNoFile_data()
{
    QTest::addColumn<QString>("relativeOrAbsolute");
    QTest::addColumn<QString>("reason");
    QTest::newRow("missing folder") << u"no-such-folder/audit.csv"_s << u"does not exist"_s;
    QTest::newRow("a folder, not a file") << u"."_s << u"is a folder"_s;
    QTest::newRow("folder nobody can write") << u"/proc/otter-audit.csv"_s << u"cannot be created there"_s;
    QTest::newRow("no name") << QString() << u"no file name"_s;
}

void TestAuditExports::unwritableTargetLeavesNoFile()
{
    QFETCH(QString, relativeOrAbsolute);
    QFETCH(QString, reason);
    CacheFixture cache;
    QVERIFY(storeAudit(cache.database, sealedAuditRecords(30)).ok());
    const QStringList before =
        QDir(cache.dir.path()).entryList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot);
    const QString path = relativeOrAbsolute.isEmpty() || relativeOrAbsolute.startsWith(u'/')
                             ? relativeOrAbsolute
                             : QDir(cache.dir.path()).filePath(relativeOrAbsolute);
    for (const AuditExportFormat format :
         {AuditExportFormat::Csv, AuditExportFormat::JsonLines, AuditExportFormat::Pdf}) {
        const AuditExportOutcome outcome = exportTo(cache.database, format, path);
        QVERIFY(!outcome.ok);
        QVERIFY2(outcome.message.contains(reason), qPrintable(outcome.message));
        QVERIFY2(outcome.message.contains(u"No file was written"_s), qPrintable(outcome.message));
        if (!path.isEmpty())
            QVERIFY(outcome.message.contains(QDir::toNativeSeparators(path)));
    }
    QVERIFY(!QFileInfo::exists(u"/proc/otter-audit.csv"_s));
    QCOMPARE(QDir(cache.dir.path()).entryList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot), before);
}

void TestAuditExports::cancelledExportLeavesNoFile()
{
    CacheFixture cache;
    QVERIFY(storeAudit(cache.database, sealedAuditRecords(3000)).ok());
    const QStringList before = QDir(cache.dir.path()).entryList(QDir::Files);
    for (const AuditExportFormat format :
         {AuditExportFormat::Csv, AuditExportFormat::JsonLines, AuditExportFormat::Pdf}) {
        bool cancel = false;
        qint64 progressCalls = 0;
        AuditExportControl control;
        control.cancelled = [&cancel] { return cancel; };
        control.progress = [&](qint64 done, qint64 total) {
            ++progressCalls;
            QCOMPARE(total, 3000);
            QVERIFY(done <= total);
            cancel = true; // the operator presses Cancel while it runs
        };
        const QString path = cache.dir.filePath(u"audit."_s + AuditExporter::suffix(format));
        const AuditExportOutcome outcome = exportTo(cache.database, format, path, {}, control);
        QVERIFY(!outcome.ok);
        QVERIFY(outcome.cancelled);
        QVERIFY(progressCalls >= 1);
        QVERIFY(!QFileInfo::exists(path));
    }
    QCOMPARE(QDir(cache.dir.path()).entryList(QDir::Files), before);
}

QTEST_MAIN(TestAuditExports)
#include "tst_audit_exports.moc"
