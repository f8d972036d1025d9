// ReleaseUploadDialog: choose a release (a bundle, or an image signed on the spot), see what the console's
// check found, upload it with progress, speed and time left, and cancel at any point. Widgets only: the
// controller does the work and reports back through the show…() setters.
#pragma once

#include "core/release_precheck.h"
#include "ui/dialogs/release_source_form.h"

#include <QDialog>

class QLabel;
class QPushButton;

namespace otter::ui {

class ReleaseCheckPanel;
class UploadProgressPanel;

class ReleaseUploadDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReleaseUploadDialog)

public:
    enum class State {
        Choosing,
        Checking,
        Checked,
        Refused,
        Uploading,
        Cancelling,
        Uploaded,
        Failed,
        Cancelled
    };
    Q_ENUM(State)

    explicit ReleaseUploadDialog(QWidget *parent = nullptr);

    ReleaseSourceForm *source() const { return m_source; }
    ReleaseCheckPanel *checkPanel() const { return m_check; }
    UploadProgressPanel *progressPanel() const { return m_progress; }
    QPushButton *verifyButton() const { return m_verify; }
    QPushButton *uploadButton() const { return m_upload; }
    QPushButton *cancelButton() const { return m_cancel; }
    State state() const { return m_state; }
    // The message of the last outcome (uploaded, failed, cancelled), as shown.
    QString outcomeText() const;

    // Shorthands for the source form.
    void setBundlePath(const QString &path) { m_source->setBundlePath(path); }

    void showChecking(qint64 doneBytes, qint64 totalBytes);
    void showCheck(const otter::ReleasePrecheck &check);
    void showUploadStarted(qint64 totalBytes);
    void showUploadProgress(qint64 sentBytes, qint64 totalBytes);
    void showUploaded(const QString &version, const QString &releaseId);
    void showUploadFailed(const QString &failedCheck, const QString &message);
    void showCancelled(bool leftNothing, const QString &message);

signals:
    // Read source() for what to check.
    void verifyRequested();
    // Upload what the last check verified.
    void uploadRequested();
    // Stop the check or the upload under way.
    void cancelRequested();

protected:
    void reject() override;

private:
    void setState(State state);
    void showOutcome(bool ok, const QString &text);
    void onCancelClicked();

    ReleaseSourceForm *m_source = nullptr;
    ReleaseCheckPanel *m_check = nullptr;
    UploadProgressPanel *m_progress = nullptr;
    QLabel *m_formError = nullptr;
    QLabel *m_outcome = nullptr;
    QPushButton *m_verify = nullptr;
    QPushButton *m_upload = nullptr;
    QPushButton *m_cancel = nullptr;
    QString m_outcomePlain;
    State m_state = State::Choosing;
};

} // namespace otter::ui
