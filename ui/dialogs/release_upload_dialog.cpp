// ReleaseUploadDialog: one dialog whose buttons follow the state (choose → verify → upload → done), so
// the operator always sees the facts of what is being sent next to its progress.
#include "ui/dialogs/release_upload_dialog.h"

#include "ui/dialogs/release_check_panel.h"
#include "ui/dialogs/upload_progress_panel.h"
#include "ui/pages/semantic_colors.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QGroupBox>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace otter::ui {

ReleaseUploadDialog::ReleaseUploadDialog(QWidget *parent)
    : QDialog(parent)
    , m_source(new ReleaseSourceForm(this))
    , m_check(new ReleaseCheckPanel(this))
    , m_progress(new UploadProgressPanel(this))
    , m_formError(new QLabel(this))
    , m_outcome(new QLabel(this))
{
    setWindowTitle(tr("Upload Release"));
    auto *sourceBox = new QGroupBox(tr("Release"), this);
    auto *sourceLayout = new QVBoxLayout(sourceBox);
    sourceLayout->addWidget(m_source);
    m_formError->setObjectName(u"formError"_s);
    m_formError->setWordWrap(true);
    sourceLayout->addWidget(m_formError);

    auto *checkBox = new QGroupBox(tr("Verification (before anything is sent)"), this);
    auto *checkLayout = new QVBoxLayout(checkBox);
    checkLayout->addWidget(m_check);

    auto *uploadBox = new QGroupBox(tr("Upload"), this);
    auto *uploadLayout = new QVBoxLayout(uploadBox);
    uploadLayout->addWidget(m_progress);
    m_outcome->setObjectName(u"outcome"_s);
    m_outcome->setWordWrap(true);
    m_outcome->setTextInteractionFlags(Qt::TextSelectableByMouse);
    uploadLayout->addWidget(m_outcome);

    auto *buttons = new QDialogButtonBox(this);
    m_verify = buttons->addButton(tr("Verify"), QDialogButtonBox::ActionRole);
    m_verify->setObjectName(u"verify"_s);
    m_upload = buttons->addButton(tr("Upload"), QDialogButtonBox::AcceptRole);
    m_upload->setObjectName(u"upload"_s);
    m_cancel = buttons->addButton(QDialogButtonBox::Cancel);
    m_cancel->setObjectName(u"cancel"_s);
    for (QPushButton *button : {m_verify, m_upload, m_cancel})
        button->setAutoDefault(false);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(sourceBox);
    layout->addWidget(checkBox);
    layout->addWidget(uploadBox);
    layout->addStretch(1);
    layout->addWidget(buttons);
    // Wide enough for a whole SHA-256 in monospace beside its label: hashes are compared by eye.
    const QFontMetrics fixed(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setMinimumWidth(qMax(fontMetrics().averageCharWidth() * 100,
                         fixed.horizontalAdvance(QString(64, u'0')) + fontMetrics().averageCharWidth() * 30));

    connect(m_verify, &QPushButton::clicked, this, [this] {
        const QString error = m_source->validationError();
        m_formError->setText(
            error.isEmpty() ? QString()
                            : u"<span style='color:%1'>%2</span>"_s.arg(
                                  semanticColor(Semantic::Error, palette()).name(), error.toHtmlEscaped()));
        if (!error.isEmpty())
            return;
        setState(State::Checking);
        emit verifyRequested();
    });
    connect(m_upload, &QPushButton::clicked, this, [this] {
        if (m_state != State::Checked)
            return;
        setState(State::Uploading);
        emit uploadRequested();
    });
    connect(m_cancel, &QPushButton::clicked, this, &ReleaseUploadDialog::onCancelClicked);
    connect(m_source, &ReleaseSourceForm::changed, this, [this] {
        m_formError->clear();
        // A new choice invalidates the last verdict: it must be checked again before it is sent.
        if (m_state == State::Checked || m_state == State::Refused || m_state == State::Failed ||
            m_state == State::Cancelled || m_state == State::Uploaded) {
            m_check->clear();
            setState(State::Choosing);
        }
    });
    setState(State::Choosing);
}

QString ReleaseUploadDialog::outcomeText() const
{
    return m_outcomePlain;
}

void ReleaseUploadDialog::setState(State state)
{
    m_state = state;
    const bool busy = state == State::Checking || state == State::Uploading || state == State::Cancelling;
    m_source->setEnabled(!busy);
    m_verify->setEnabled(!busy);
    m_upload->setEnabled(state == State::Checked);
    m_cancel->setEnabled(state != State::Cancelling);
    m_cancel->setText(busy ? tr("Cancel") : tr("Close"));
    if (state == State::Choosing || state == State::Checking || state == State::Checked ||
        state == State::Refused) {
        m_progress->reset(state == State::Checked ? tr("Ready to upload.") : tr("Not started."));
        m_outcome->clear();
        m_outcome->hide();
        m_outcomePlain.clear();
    }
}

void ReleaseUploadDialog::onCancelClicked()
{
    if (m_state == State::Checking || m_state == State::Uploading) {
        if (m_state == State::Uploading) {
            setState(State::Cancelling);
            m_progress->setStatus(tr("Cancelling: asking otterd to discard what it received…"));
        } else {
            setState(State::Choosing);
            m_check->clear();
        }
        emit cancelRequested();
        return;
    }
    if (m_state != State::Cancelling)
        QDialog::reject();
}

void ReleaseUploadDialog::reject()
{
    // Escape or the window's close button: never leave a transfer running behind a closed dialog.
    onCancelClicked();
}

void ReleaseUploadDialog::showChecking(qint64 doneBytes, qint64 totalBytes)
{
    if (m_state != State::Checking)
        setState(State::Checking);
    m_check->showChecking(doneBytes, totalBytes);
}

void ReleaseUploadDialog::showCheck(const ReleasePrecheck &check)
{
    if (check.failure == PrecheckFailure::Cancelled) {
        m_check->clear();
        setState(State::Choosing);
        return;
    }
    m_check->showCheck(check);
    setState(check.passed() ? State::Checked : State::Refused);
}

void ReleaseUploadDialog::showUploadStarted(qint64 totalBytes)
{
    if (m_state != State::Uploading)
        setState(State::Uploading);
    m_progress->start(totalBytes);
}

void ReleaseUploadDialog::showUploadProgress(qint64 sentBytes, qint64 totalBytes)
{
    if (m_state == State::Uploading)
        m_progress->setProgress(sentBytes, totalBytes);
}

void ReleaseUploadDialog::showUploaded(const QString &version, const QString &releaseId)
{
    setState(State::Uploaded);
    m_progress->setComplete(tr("Stored on otterd."));
    showOutcome(true, tr("Release %1 is stored on otterd (id %2). It can now be rolled out.")
                          .arg(version.isEmpty() ? tr("(version pending sync)") : version, releaseId));
}

void ReleaseUploadDialog::showUploadFailed(const QString &failedCheck, const QString &message)
{
    setState(State::Failed);
    if (!failedCheck.isEmpty())
        m_check->showRefusal(failedCheck, message);
    showOutcome(false, failedCheck.isEmpty() ? message : tr("Refused: %1 check failed.").arg(failedCheck));
}

void ReleaseUploadDialog::showCancelled(bool leftNothing, const QString &message)
{
    setState(State::Cancelled);
    m_progress->setStatus(tr("Cancelled."));
    showOutcome(leftNothing, message);
}

void ReleaseUploadDialog::showOutcome(bool ok, const QString &text)
{
    m_outcome->setText(u"<span style='color:%1'>%2</span>"_s.arg(
        semanticColor(ok ? Semantic::Success : Semantic::Error, palette()).name(), text.toHtmlEscaped()));
    m_outcomePlain = text;
    m_outcome->show();
}

} // namespace otter::ui
