// AuditExportDialog: choose CSV, JSON Lines or the PDF report and a file, see what the export will hold and
// how current it is, then follow the export's progress (with cancel) and its outcome.
#pragma once

#include "models/audit_exporter.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QRadioButton;

namespace otter::ui {

class AuditExportDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AuditExportDialog)

public:
    explicit AuditExportDialog(QWidget *parent = nullptr);

    // What the page shows now: the filter, its count (-1: still counting), the whole log's count, the sync.
    void setScope(const models::AuditFilter &filter, qint64 matching, qint64 total,
                  const QDateTime &syncedAt);
    void setFormat(models::AuditExportFormat format);
    models::AuditExportFormat format() const;
    void setPath(const QString &path);
    QString path() const;

    void setRunning(bool running);
    bool isRunning() const { return m_running; }
    void setProgress(qint64 done, qint64 total);
    void showOutcome(bool ok, const QString &message);
    QString scopeText() const;
    QString outcomeText() const;
    QPushButton *exportButton() const { return m_exportButton; }

    // While an export runs, Escape and the Cancel button cancel the export and keep the dialog open.
    void reject() override;

signals:
    void exportRequested(otter::models::AuditExportFormat format, const QString &path);
    void cancelRequested();

private:
    void updateScope();
    void browse();
    void startExport();
    void growToFit();

    QRadioButton *m_csv = nullptr;
    QRadioButton *m_jsonl = nullptr;
    QRadioButton *m_pdf = nullptr;
    QLabel *m_scope = nullptr;
    QLabel *m_synced = nullptr;
    QLineEdit *m_path = nullptr;
    QPushButton *m_browse = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_outcome = nullptr;
    QPushButton *m_exportButton = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    models::AuditFilter m_filter;
    qint64 m_matching = -1;
    qint64 m_total = -1;
    bool m_running = false;
};

} // namespace otter::ui
