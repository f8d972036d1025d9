// AuditExportDialog: format choice, scope sentence, file field, progress and outcome in one small dialog.
#include "ui/dialogs/audit_export_dialog.h"

#include "ui/pages/semantic_colors.h"

#include <QButtonGroup>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace otter::ui {

using models::AuditExporter;
using models::AuditExportFormat;

AuditExportDialog::AuditExportDialog(QWidget *parent)
    : QDialog(parent)
    , m_csv(new QRadioButton(tr("CSV — one row per entry, for spreadsheets"), this))
    , m_jsonl(
          new QRadioButton(tr("JSON Lines — the hash chain, verifiable with otter-sign audit-verify"), this))
    , m_pdf(new QRadioButton(tr("PDF — compliance report: decisions, outcomes, failures, chain head"), this))
    , m_scope(new QLabel(this))
    , m_synced(new QLabel(this))
    , m_path(new QLineEdit(this))
    , m_progress(new QProgressBar(this))
    , m_outcome(new QLabel(this))
    , m_exportButton(new QPushButton(tr("Export"), this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Export Audit Log"));
    setMinimumWidth(560);
    auto *group = new QButtonGroup(this);
    for (QRadioButton *button : {m_csv, m_jsonl, m_pdf})
        group->addButton(button);
    m_csv->setChecked(true);
    m_scope->setWordWrap(true);
    m_synced->setWordWrap(true);
    m_outcome->setWordWrap(true);
    m_outcome->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_outcome->hide();
    m_progress->hide();
    m_path->setPlaceholderText(tr("File to write"));
    m_browse = new QPushButton(tr("Browse…"), this);
    m_exportButton->setDefault(true);
    // Wide enough for its running label, so that switching labels never clips or shifts the buttons.
    QPushButton *close = m_buttons->button(QDialogButtonBox::Cancel);
    close->setText(tr("Cancel Export"));
    close->setMinimumWidth(close->sizeHint().width());
    close->setText(tr("Close"));
    m_buttons->addButton(m_exportButton, QDialogButtonBox::AcceptRole);

    auto *formats = new QVBoxLayout;
    formats->setSpacing(4);
    for (QRadioButton *button : {m_csv, m_jsonl, m_pdf})
        formats->addWidget(button);
    auto *fileRow = new QHBoxLayout;
    fileRow->addWidget(m_path, 1);
    fileRow->addWidget(m_browse);
    auto *form = new QFormLayout;
    form->addRow(tr("Format:"), formats);
    form->addRow(tr("Holds:"), m_scope);
    form->addRow(tr("Data:"), m_synced);
    form->addRow(tr("File:"), fileRow);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_progress);
    layout->addWidget(m_outcome);
    layout->addStretch(1);
    layout->addWidget(m_buttons);

    for (QRadioButton *button : {m_csv, m_jsonl, m_pdf}) {
        connect(button, &QRadioButton::toggled, this, [this](bool checked) {
            if (checked)
                updateScope();
        });
    }
    connect(m_browse, &QPushButton::clicked, this, &AuditExportDialog::browse);
    connect(m_exportButton, &QPushButton::clicked, this, &AuditExportDialog::startExport);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &AuditExportDialog::reject);
    connect(m_path, &QLineEdit::textChanged, this,
            [this] { m_exportButton->setEnabled(!m_running && !m_path->text().trimmed().isEmpty()); });
    setPath(QDir::home().filePath(u"otter-audit.csv"_s));
    updateScope();
}

void AuditExportDialog::setScope(const models::AuditFilter &filter, qint64 matching, qint64 total,
                                 const QDateTime &syncedAt)
{
    m_filter = filter;
    m_matching = matching;
    m_total = total;
    m_synced->setText(
        syncedAt.isValid()
            ? tr("From this console's cache, synced %1; works offline. The file states this time.")
                  .arg(QLocale().toString(syncedAt.toLocalTime(), u"yyyy-MM-dd HH:mm:ss"_s))
            : tr("The cache has never been synced with otterd: the export will be empty."));
    updateScope();
}

void AuditExportDialog::updateScope()
{
    const QLocale locale;
    const auto count = [&locale](qint64 n) {
        return n < 0 ? tr("counting…") : tr("%1 entries").arg(locale.toString(n));
    };
    if (format() == AuditExportFormat::JsonLines) {
        m_scope->setText(tr("The whole cached chain (%1) from the first entry. The filter does not apply: a "
                            "filtered chain cannot be verified.")
                             .arg(count(m_total)));
    } else {
        m_scope->setText(
            m_filter.isEmpty()
                ? tr("Every cached entry (%1).").arg(count(m_total))
                : tr("Entries matching the filter — %1 (%2).").arg(m_filter.describe(), count(m_matching)));
    }
    // Keep the chosen name and folder; only the extension follows the format.
    const QString current = m_path->text().trimmed();
    if (!current.isEmpty()) {
        const QFileInfo info(current);
        const QString suffix = AuditExporter::suffix(format());
        if (info.suffix() != suffix &&
            (info.suffix() == u"csv" || info.suffix() == u"jsonl" || info.suffix() == u"pdf"))
            m_path->setText(info.dir().filePath(info.completeBaseName() + u'.' + suffix));
    }
}

void AuditExportDialog::setFormat(AuditExportFormat format)
{
    (format == AuditExportFormat::Csv         ? m_csv
     : format == AuditExportFormat::JsonLines ? m_jsonl
                                              : m_pdf)
        ->setChecked(true);
    updateScope();
}

AuditExportFormat AuditExportDialog::format() const
{
    if (m_jsonl->isChecked())
        return AuditExportFormat::JsonLines;
    if (m_pdf->isChecked())
        return AuditExportFormat::Pdf;
    return AuditExportFormat::Csv;
}

void AuditExportDialog::setPath(const QString &path)
{
    m_path->setText(QDir::toNativeSeparators(path));
}

QString AuditExportDialog::path() const
{
    return QDir::fromNativeSeparators(m_path->text().trimmed());
}

void AuditExportDialog::browse()
{
    const QString suffix = AuditExporter::suffix(format());
    const QString chosen =
        QFileDialog::getSaveFileName(this, tr("Export Audit Log"), path(),
                                     tr("%1 (*.%2)").arg(AuditExporter::formatName(format()), suffix));
    if (!chosen.isEmpty())
        setPath(chosen);
}

void AuditExportDialog::startExport()
{
    if (m_running || path().isEmpty())
        return;
    emit exportRequested(format(), path());
}

void AuditExportDialog::setRunning(bool running)
{
    m_running = running;
    for (QRadioButton *button : {m_csv, m_jsonl, m_pdf})
        button->setEnabled(!running);
    m_path->setEnabled(!running);
    m_browse->setEnabled(!running);
    m_exportButton->setEnabled(!running && !path().isEmpty());
    m_buttons->button(QDialogButtonBox::Cancel)->setText(running ? tr("Cancel Export") : tr("Close"));
    if (running) {
        m_outcome->hide();
        m_progress->setRange(0, 0);
        m_progress->show();
    }
    growToFit();
}

void AuditExportDialog::growToFit()
{
    // The progress bar and the outcome come and go: make room at once rather than squeezing the choices.
    layout()->activate();
    resize(qMax(width(), sizeHint().width()), qMax(height(), sizeHint().height()));
}

void AuditExportDialog::setProgress(qint64 done, qint64 total)
{
    if (total <= 0) {
        m_progress->setRange(0, 0);
        return;
    }
    // Per mille: QProgressBar holds an int, a log can hold more entries than that.
    m_progress->setRange(0, 1000);
    m_progress->setValue(int(qBound(qint64(0), done * 1000 / total, qint64(1000))));
    m_progress->setFormat(tr("%p% of the log"));
}

void AuditExportDialog::showOutcome(bool ok, const QString &message)
{
    setRunning(false);
    m_progress->hide();
    QPalette outcomePalette = m_outcome->palette();
    outcomePalette.setColor(QPalette::WindowText,
                            semanticColor(ok ? Semantic::Success : Semantic::Error, palette()));
    m_outcome->setPalette(outcomePalette);
    m_outcome->setText(message);
    m_outcome->show();
    growToFit();
}

QString AuditExportDialog::scopeText() const
{
    return m_scope->text();
}

QString AuditExportDialog::outcomeText() const
{
    return m_outcome->isVisible() || !m_outcome->text().isEmpty() ? m_outcome->text() : QString();
}

void AuditExportDialog::reject()
{
    if (m_running) {
        emit cancelRequested();
        return;
    }
    QDialog::reject();
}

} // namespace otter::ui
