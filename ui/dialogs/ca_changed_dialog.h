// A server presented a different CA than the pinned one: a loud refusal with both fingerprints, Close only.
#pragma once

#include <QDialog>

class QLabel;

namespace otter::ui {

class FingerprintView;
class TintedPanel;

// Deliberately offers no way to accept the new CA here: re-pinning means forgetting the server first, which
// takes a conscious step in the connection dialog.
class CaChangedDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CaChangedDialog)

public:
    explicit CaChangedDialog(QWidget *parent = nullptr);

    void setServer(const QString &address);
    void setFingerprints(const QString &pinned, const QString &presented);

    QString pinnedFingerprint() const;
    QString presentedFingerprint() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyTone();

    QString m_address;
    QLabel *m_heading = nullptr;
    QLabel *m_explanation = nullptr;
    TintedPanel *m_alert = nullptr;
    QLabel *m_alertIcon = nullptr;
    FingerprintView *m_pinned = nullptr;
    FingerprintView *m_presented = nullptr;
};

} // namespace otter::ui
