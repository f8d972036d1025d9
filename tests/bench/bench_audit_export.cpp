// bench.audit_export: the console's audit exports at 1,000,000 cached entries. Builds a cache of a real,
// sealed hash chain through CacheStore::apply in sync-sized pages, then times the CSV export (target < 5 s),
// the JSON Lines export, the local chain check, and filter apply (first page) and count on the audit page's
// model, beside a baseline measured in the same run: a plain SELECT scan of the same rows, which any export
// pays at least. Prints figures only.
#include "core/audit_chain.h"
#include "models/audit_cache_reader.h"
#include "models/audit_chain_check.h"
#include "models/audit_exporter.h"
#include "models/audit_log_model.h"
#include "models/cache_database.h"
#include "models/cache_store.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QGuiApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTimeZone>

#include <cstdio>
#include <ctime>

using namespace Qt::StringLiterals;
using namespace otter;
using namespace otter::models;

namespace {

constexpr int Entries = 1000000;
constexpr int PageEntries = 10000;

qint64 threadCpuNs()
{
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return qint64(now.tv_sec) * 1000000000 + now.tv_nsec;
}

struct Timing
{
    double wallMs = 0;
    double cpuMs = 0;
};

template<typename F>
Timing timed(F &&work)
{
    QElapsedTimer wall;
    const qint64 cpu = threadCpuNs();
    wall.start();
    work();
    return {double(wall.nsecsElapsed()) / 1e6, double(threadCpuNs() - cpu) / 1e6};
}

// Sizes like otterd's: operator names, dotted actions, "rollout/<uuid>" objects, ~150 bytes of details.
AuditRecord sealedEntry(qint64 seq, QByteArray &prev)
{
    static const QString actors[] = {u"olga"_s, u"oscar"_s, u"abe"_s, u"ada"_s, u"system"_s};
    static const QString actions[] = {u"rollout.stage_start"_s, u"rollout.approve"_s,    u"rollout.start"_s,
                                      u"group.update"_s,        u"rollout.auto_pause"_s, u"release.upload"_s};
    AuditEntry entry;
    entry.seq = seq;
    entry.time = QDateTime::fromMSecsSinceEpoch(1767225600000 + seq * 2500, QTimeZone::utc());
    entry.actor = seq % 997 == 0 ? u"vera"_s : actors[seq % 5];
    entry.action = actions[seq % 6];
    entry.object = u"rollout/%1-7b1e-4c2a-9f3d-%2"_s.arg(seq % 400, 8, 16, QChar(u'0'))
                       .arg(seq % 7, 12, 10, QChar(u'0'));
    entry.detailsJson =
        QJsonDocument(
            QJsonObject{{u"comment"_s, u"stage %1 gate passed, 0.4% failed"_s.arg(seq % 5)},
                        {u"from"_s, u"RUNNING"_s},
                        {u"release"_s, u"9f2c41d0-5a6b-4c1d-8e7f-%1"_s.arg(seq % 9, 12, 10, QChar(u'0'))},
                        {u"to"_s, u"PAUSED"_s}})
            .toJson(QJsonDocument::Compact);
    if (!AuditChain::seal(entry, prev))
        qFatal("cannot seal entry %lld", seq);
    prev = entry.hash;
    return AuditCacheReader::toRecord(entry, seq);
}

void print(const char *what, const Timing &t, const QString &extra = {})
{
    std::printf("  %-44s %9.0f ms wall %9.0f ms cpu  %s\n", what, t.wallMs, t.cpuMs, qPrintable(extra));
}

QString mib(const QString &path)
{
    return u"%1 MiB"_s.arg(double(QFileInfo(path).size()) / (1024.0 * 1024.0), 0, 'f', 1);
}

} // namespace

int main(int argc, char **argv)
{
    QGuiApplication app(argc, argv); // the PDF report needs fonts
    QTemporaryDir dir;
    CacheDatabase database;
    if (!database.open(dir.filePath(u"cache.db"_s)))
        qFatal("cannot open the cache");
    std::printf("bench.audit_export: %d audit entries in %s\n", Entries, qPrintable(dir.path()));

    QByteArray prev = AuditChain::genesisPrevHash();
    const Timing fill = timed([&] {
        CacheStore store(database);
        for (int first = 1; first <= Entries; first += PageEntries) {
            ChangeBatch batch;
            batch.auditEntries.reserve(PageEntries);
            for (int seq = first; seq < first + PageEntries; ++seq)
                batch.auditEntries.append(sealedEntry(seq, prev));
            batch.currentRevision = first + PageEntries - 1;
            batch.complete = true;
            if (!store.apply(batch))
                qFatal("cannot store page at %d", first);
        }
    });
    print("seal + store (CacheStore::apply, 10k pages)", fill, mib(dir.filePath(u"cache.db"_s)));

    qint64 scanned = 0;
    const Timing baseline = timed([&] {
        QSqlQuery q(database.connection());
        q.setForwardOnly(true);
        q.exec(u"SELECT seq, time, actor, action, object, details, prev_hash, hash, revision FROM audit "
               u"ORDER BY seq"_s);
        while (q.next()) {
            for (int column = 0; column < 9; ++column)
                scanned += q.value(column).isNull() ? 0 : 1;
        }
    });
    print("baseline: plain SELECT scan of every column", baseline, u"%1 values"_s.arg(scanned));

    AuditExportRequest request;
    request.syncedAt = QDateTime::currentDateTimeUtc();
    for (const auto &[name, format] :
         {std::pair{"CSV export (whole log)", AuditExportFormat::Csv},
          std::pair{"JSON Lines export (whole chain)", AuditExportFormat::JsonLines}}) {
        request.format = format;
        request.path = dir.filePath(u"audit."_s + AuditExporter::suffix(format));
        AuditExportOutcome outcome;
        const Timing t = timed([&] { outcome = AuditExporter::run(database, request); });
        if (!outcome.ok)
            qFatal("%s failed: %s", name, qPrintable(outcome.message));
        print(name, t,
              u"%1, %2 / baseline"_s.arg(mib(request.path)).arg(t.wallMs / baseline.wallMs, 0, 'f', 1));
    }
    request.format = AuditExportFormat::Csv;
    request.filter.actor = u"olga"_s;
    request.path = dir.filePath(u"olga.csv"_s);
    AuditExportOutcome filtered;
    print("CSV export, actor olga (1 in 5)", timed([&] { filtered = AuditExporter::run(database, request); }),
          u"%1 entries"_s.arg(filtered.entries));
    request.format = AuditExportFormat::Pdf;
    request.filter = AuditFilter{};
    request.filter.from = QDateTime::fromMSecsSinceEpoch(1767225600000 + 990000LL * 2500, QTimeZone::utc());
    request.path = dir.filePath(u"report.pdf"_s);
    AuditExportOutcome pdf;
    print("PDF report, last 10,000 entries", timed([&] { pdf = AuditExporter::run(database, request); }),
          pdf.ok ? mib(request.path) : pdf.message);

    AuditChainCheck check;
    print("local chain check (whole log)", timed([&] { check = checkCachedChain(database); }),
          check.broken ? check.reason : u"%1 entries intact"_s.arg(check.count));

    AuditLogModel *model = nullptr;
    print("audit page model: first page", timed([&] { model = new AuditLogModel(database); }),
          u"%1 rows"_s.arg(model->rowCount()));
    const QDateTime base = QDateTime::fromMSecsSinceEpoch(1767225600000, QTimeZone::utc());
    const QList<std::pair<const char *, AuditFilter>> filters{
        {"filter actor olga (1 in 5)", AuditFilter{{}, {}, u"olga"_s, {}, {}}},
        {"filter action kind rollout", AuditFilter{{}, {}, {}, u"rollout"_s, {}}},
        {"filter actor vera (1 in 997)", AuditFilter{{}, {}, u"vera"_s, {}, {}}},
        {"filter one day, early in the log", AuditFilter{base.addDays(2), base.addDays(3), {}, {}, {}}},
        {"filter object exact",
         AuditFilter{{}, {}, {}, {}, u"rollout/00000007-7b1e-4c2a-9f3d-000000000001"_s}},
        {"filter cleared", AuditFilter{}},
    };
    AuditCacheReader reader(database);
    for (const auto &entry : filters) {
        const AuditFilter &filter = entry.second;
        const char *name = entry.first;
        const Timing apply = timed([&] { model->setFilter(filter); });
        qint64 count = 0;
        const Timing counted = timed([&] { count = reader.count(filter).value(); });
        print(name, apply,
              u"first page %1 rows; count %2 in %3 ms (off the GUI thread)"_s.arg(model->rowCount())
                  .arg(count)
                  .arg(counted.wallMs, 0, 'f', 0));
    }
    delete model;
    database.closeConnection();
    return 0;
}
