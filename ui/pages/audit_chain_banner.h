// AuditChainBanner: the audit page's strip saying whether the hash chain is intact, where it broke, and when
// the cache was synced — green when intact, red when broken, neutral while unknown.
#pragma once

#include "models/audit_chain_status.h"

#include <QWidget>

class QLabel;
class QPushButton;

namespace otter::ui {

class AuditChainBanner final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AuditChainBanner)

public:
    explicit AuditChainBanner(QWidget *parent = nullptr);

    void setStatus(const models::AuditChainStatus &status);
    models::AuditChainStatus::State state() const { return m_state; }
    QString headline() const;
    QString detail() const;
    QPushButton *verifyButton() const { return m_verify; }

signals:
    void verifyRequested();

protected:
    void changeEvent(QEvent *event) override;
    void paintEvent(QPaintEvent *event) override;

private:
    QColor toneColour() const;
    void applyTone();

    models::AuditChainStatus::State m_state = models::AuditChainStatus::State::Unknown;
    QLabel *m_icon = nullptr;
    QLabel *m_headline = nullptr;
    QLabel *m_detail = nullptr;
    QPushButton *m_verify = nullptr;
};

} // namespace otter::ui
