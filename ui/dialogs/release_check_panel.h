// ReleaseCheckPanel: what the console's pre-upload check found — the manifest's facts, whether otterd
// trusts the signer — and the verdict, naming the failed check when the release is refused.
#pragma once

#include "core/release_precheck.h"

#include <QWidget>

class QFormLayout;
class QLabel;
class QProgressBar;

namespace otter::ui {

class ReleaseCheckPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReleaseCheckPanel)

public:
    explicit ReleaseCheckPanel(QWidget *parent = nullptr);

    void clear();
    // Hashing under way: done of total image bytes.
    void showChecking(qint64 doneBytes, qint64 totalBytes);
    void showCheck(const otter::ReleasePrecheck &check);
    // A refusal that comes later (otterd's own checks during the upload), in the same verdict line.
    void showRefusal(const QString &failedCheck, const QString &message);

    // The verdict as plain text: its title line, then the message; empty while none is shown.
    QString verdictText() const;
    QString factText(const QString &objectName) const;

private:
    QLabel *addFact(const QString &label, const QString &objectName);
    void setVerdict(bool ok, const QString &title, const QString &message);

    QFormLayout *m_form = nullptr;
    QProgressBar *m_hashing = nullptr;
    QLabel *m_verdictIcon = nullptr;
    QLabel *m_verdict = nullptr;
    QWidget *m_verdictRow = nullptr;
    QString m_verdictPlain;
};

} // namespace otter::ui
