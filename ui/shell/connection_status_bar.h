// The main window's status bar: connection state, server, operator and role, last sync, outbox count.
#pragma once

#include "ui/shell/connection_state.h"

#include <QDateTime>
#include <QStatusBar>

class QLabel;
class QToolButton;

namespace otter::ui {

class StatusDot;

// Everything here is always visible (permanent widgets), so temporary status messages never hide the
// connection state.
class ConnectionStatusBar final : public QStatusBar
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionStatusBar)

public:
    explicit ConnectionStatusBar(QWidget *parent = nullptr);

    // detail: why or how (e.g. "connection refused", "retry in 8 s"); shown after the state and as tooltip.
    void setConnectionState(ConnectionState state, const QString &detail = {});
    void setServer(const QString &address);
    void setOperator(const QString &name, const QString &role);
    void setLastSync(const QDateTime &time); // invalid: never synced
    void setOutboxCount(int count);

    ConnectionState connectionState() const { return m_state; }
    // The texts as shown, for tests and accessibility checks.
    QString stateText() const;
    QString serverText() const;
    QString operatorText() const;
    QString syncText() const;
    QString outboxText() const;
    QColor stateColour() const;

    static QString stateName(ConnectionState state);

signals:
    void outboxRequested();

protected:
    void changeEvent(QEvent *event) override;

private:
    void updateStateColour();

    ConnectionState m_state = ConnectionState::Offline;
    StatusDot *m_dot = nullptr;
    QLabel *m_stateLabel = nullptr;
    QLabel *m_serverLabel = nullptr;
    QLabel *m_operatorLabel = nullptr;
    QLabel *m_syncLabel = nullptr;
    QToolButton *m_outboxButton = nullptr;
};

} // namespace otter::ui
