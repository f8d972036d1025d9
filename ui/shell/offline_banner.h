// The "Offline — data as of …" banner above the pages: why the console is offline and a Reconnect button.
#pragma once

#include <QDateTime>
#include <QWidget>

class QLabel;
class QPushButton;

namespace otter::ui {

class OfflineBanner final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OfflineBanner)

public:
    explicit OfflineBanner(QWidget *parent = nullptr);

    // Shows the banner while offline; asOf is the cache's last sync (invalid: nothing cached yet).
    void setOffline(bool offline, const QDateTime &asOf = {}, const QString &reason = {});
    bool isOffline() const { return m_offline; }

    QString headline() const;
    QString reason() const;

signals:
    void reconnectRequested();

protected:
    void changeEvent(QEvent *event) override;
    void paintEvent(QPaintEvent *event) override;

private:
    void applyTone();

    bool m_offline = false;
    QLabel *m_icon = nullptr;
    QLabel *m_headline = nullptr;
    QLabel *m_reason = nullptr;
    QPushButton *m_reconnect = nullptr;
};

} // namespace otter::ui
