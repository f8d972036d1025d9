// AuditExporter: the three formats streamed from the cache into a QSaveFile (temporary file + rename).
#include "models/audit_exporter.h"

#include "core/audit_export.h"
#include "models/audit_cache_reader.h"
#include "models/audit_csv_writer.h"
#include "models/audit_raw_scan.h"
#include "models/audit_report.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QLocale>
#include <QSaveFile>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace otter::models {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("otter::models::AuditExporter", text);
}

constexpr qint64 FlushBytes = 1 << 20;

// Every way out of a run that did not write the file says so: the temporary file is removed by QSaveFile.
AuditExportOutcome failed(const AuditExportRequest &request, const QString &why)
{
    AuditExportOutcome outcome;
    outcome.path = request.path;
    outcome.message = tr("The export to %1 failed: %2. No file was written.")
                          .arg(QDir::toNativeSeparators(request.path), why);
    return outcome;
}

AuditExportOutcome cancelledOutcome(const AuditExportRequest &request)
{
    AuditExportOutcome outcome;
    outcome.cancelled = true;
    outcome.path = request.path;
    outcome.message = tr("Export cancelled; no file was written.");
    return outcome;
}

QString openProblem(const QSaveFile &file, const QString &path)
{
    const QFileInfo info(path);
    if (!info.absoluteDir().exists())
        return tr("the folder %1 does not exist").arg(QDir::toNativeSeparators(info.absolutePath()));
    if (info.isDir())
        return tr("%1 is a folder; give a file name").arg(QDir::toNativeSeparators(path));
    return tr("the file cannot be created there (%1); choose a folder you can write to")
        .arg(file.errorString());
}

Result<std::pair<qint64, qint64>> seqRange(const CacheDatabase &database)
{
    QSqlQuery q(database.connection());
    if (!q.exec(u"SELECT IFNULL(MIN(seq), 1), IFNULL(MAX(seq), 0) FROM audit"_s) || !q.next())
        return makeError(ErrorKind::Io,
                         describeSqlError(tr("Reading the audit log from the cache"), q.lastError()));
    return std::pair{q.value(0).toLongLong(), q.value(1).toLongLong()};
}

bool flush(QSaveFile &file, QByteArray &buffer)
{
    if (buffer.isEmpty())
        return true;
    const bool ok = file.write(buffer) == buffer.size();
    buffer.clear();
    return ok;
}

} // namespace

QString AuditExporter::suffix(AuditExportFormat format)
{
    switch (format) {
    case AuditExportFormat::Csv:
        return u"csv"_s;
    case AuditExportFormat::JsonLines:
        return u"jsonl"_s;
    case AuditExportFormat::Pdf:
        return u"pdf"_s;
    }
    return {};
}

QString AuditExporter::formatName(AuditExportFormat format)
{
    switch (format) {
    case AuditExportFormat::Csv:
        return tr("CSV");
    case AuditExportFormat::JsonLines:
        return tr("JSON Lines");
    case AuditExportFormat::Pdf:
        return tr("PDF report");
    }
    return {};
}

AuditExportOutcome AuditExporter::run(const CacheDatabase &database, const AuditExportRequest &request,
                                      const AuditExportControl &control)
{
    const auto isCancelled = [&control] { return control.cancelled && control.cancelled(); };
    const auto progress = [&control](qint64 done, qint64 total) {
        if (control.progress)
            control.progress(done, total);
    };
    if (request.path.isEmpty())
        return failed(request, tr("no file name was given"));

    QSaveFile file(request.path);
    if (QFileInfo(request.path).isDir() || !file.open(QIODevice::WriteOnly))
        return failed(request, openProblem(file, request.path));

    AuditExportOutcome outcome;
    outcome.path = request.path;
    const QString writeError = tr("writing failed (%1)");

    if (request.format == AuditExportFormat::Pdf) {
        auto report = AuditReport::collect(database, request.filter, progress, isCancelled);
        if (isCancelled())
            return cancelledOutcome(request);
        if (!report)
            return failed(request, report.errorMessage());
        report->syncedAt = request.syncedAt;
        report->chainStatus = request.chainStatus;
        if (auto written = report->writePdf(&file); !written)
            return failed(request, written.errorMessage());
        outcome.entries = report->entries;
        outcome.chainHead = report->chainHead;
    } else {
        const bool csv = request.format == AuditExportFormat::Csv;
        const AuditFilter filter = csv ? request.filter : AuditFilter{};
        // Progress is the position in the log's seq range: no extra pass to count the matches first.
        const auto range = seqRange(database);
        if (!range)
            return failed(request, range.errorMessage());
        const qint64 firstSeq = range->first;
        const qint64 lastSeq = range->second;
        const qint64 span = lastSeq >= firstSeq ? lastSeq - firstSeq + 1 : 0;
        const auto report = [&](qint64 seq) { progress(seq - firstSeq + 1, span); };
        if (csv) {
            AuditRawScan scan;
            if (auto opened = scan.open(database.path(), filter); !opened)
                return failed(request, opened.errorMessage());
            QByteArray buffer;
            buffer.reserve(FlushBytes + 64 * 1024);
            const AuditCsvWriter csvWriter(request.syncedAt);
            buffer.append(AuditCsvWriter::header());
            AuditRawRow row;
            while (scan.next(row)) {
                if ((++outcome.entries & 1023) == 0) {
                    if (isCancelled())
                        return cancelledOutcome(request);
                    report(row.seq);
                }
                csvWriter.appendRow(row, buffer);
                if (buffer.size() >= FlushBytes && !flush(file, buffer))
                    return failed(request, writeError.arg(file.errorString()));
            }
            if (!scan.error().isEmpty())
                return failed(request, scan.error());
            if (!flush(file, buffer))
                return failed(request, writeError.arg(file.errorString()));
        } else {
            AuditCacheReader reader(database);
            if (auto opened = reader.open(filter); !opened)
                return failed(request, opened.errorMessage());
            AuditExportWriter jsonWriter(&file);
            AuditChainVerifier verifier;
            while (auto record = reader.next()) {
                if ((++outcome.entries & 1023) == 0) {
                    if (isCancelled())
                        return cancelledOutcome(request);
                    report(record->seq);
                }
                const AuditEntry entry = AuditCacheReader::toEntry(*record);
                // The export is evidence either way; the operator learns now whether it will verify.
                verifier.add(entry);
                if (auto written = jsonWriter.write(entry); !written)
                    return failed(request, written.errorMessage());
            }
            if (!reader.error().isEmpty())
                return failed(request, reader.error());
            if (auto finished = jsonWriter.finish(QDateTime::currentDateTimeUtc(), request.syncedAt);
                !finished)
                return failed(request, finished.errorMessage());
            outcome.chainHead = QString::fromLatin1(jsonWriter.head().toHex());
            if (!verifier.result().ok())
                outcome.chainProblem = verifier.result().summary();
        }
        progress(span, span);
    }
    if (isCancelled())
        return cancelledOutcome(request);
    if (!file.commit())
        return failed(request, writeError.arg(file.errorString()));

    const QLocale locale;
    outcome.ok = true;
    const QString synced = request.syncedAt.isValid()
                               ? locale.toString(request.syncedAt.toLocalTime(), u"yyyy-MM-dd HH:mm:ss"_s)
                               : tr("never");
    outcome.message = tr("%1 written to %2: %3 entries, data as of the cache's sync at %4.")
                          .arg(formatName(request.format), QDir::toNativeSeparators(request.path),
                               locale.toString(outcome.entries), synced);
    if (!outcome.chainProblem.isEmpty())
        outcome.message += u' ' + tr("Warning: the cached chain is broken (%1); this export will not verify.")
                                      .arg(outcome.chainProblem);
    return outcome;
}

} // namespace otter::models
