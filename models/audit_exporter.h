// AuditExporter: writes an export of the cached audit log — CSV, JSON Lines (core/audit_export.h, checked by
// `otter-sign audit-verify`) or the PDF compliance report — atomically, with progress and cancel. Plain and
// synchronous: the console runs it in a BackgroundTask, tests and benchmarks call it directly.
#pragma once

#include "models/audit_filter.h"
#include "models/cache_database.h"

#include <QDateTime>
#include <QMetaType>
#include <QString>

#include <functional>

namespace otter::models {

enum class AuditExportFormat { Csv, JsonLines, Pdf };

struct AuditExportRequest
{
    AuditExportFormat format = AuditExportFormat::Csv;
    QString path;
    // CSV and PDF honour it; JSON Lines ignores it: only the unbroken chain from the first entry verifies.
    AuditFilter filter;
    QDateTime syncedAt;  // the cache's last sync, stated in every export
    QString chainStatus; // the banner's headline, printed in the PDF report
};

struct AuditExportOutcome
{
    bool ok = false;
    bool cancelled = false;
    QString message; // for the operator: what was written, or what went wrong and that nothing was
    QString path;
    qint64 entries = 0;
    QString chainHead;    // hex: the last exported entry's hash (JSON Lines) or the cache's head (PDF)
    QString chainProblem; // JSON Lines: the cached chain is broken, so the export will not verify
};

struct AuditExportControl
{
    std::function<bool()> cancelled;
    std::function<void(qint64 done, qint64 total)> progress;
};

class AuditExporter
{
public:
    // Reads through the calling thread's connection. The file appears complete under request.path or not
    // at all (temporary file in the same directory, renamed when finished).
    static AuditExportOutcome run(const CacheDatabase &database, const AuditExportRequest &request,
                                  const AuditExportControl &control = {});

    // Whether the format honours the filter (the dialog says so).
    static bool honoursFilter(AuditExportFormat format) { return format != AuditExportFormat::JsonLines; }
    static QString suffix(AuditExportFormat format);
    static QString formatName(AuditExportFormat format);
};

} // namespace otter::models

Q_DECLARE_METATYPE(otter::models::AuditExportOutcome)
