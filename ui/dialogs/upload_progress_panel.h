// UploadProgressPanel: a progress bar with the bytes sent, the speed (MB/s) and the time left.
#pragma once

#include <QElapsedTimer>
#include <QWidget>

class QLabel;
class QProgressBar;

namespace otter::ui {

class UploadProgressPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UploadProgressPanel)

public:
    explicit UploadProgressPanel(QWidget *parent = nullptr);

    // A new transfer starts now (speed is measured from here, from `startBytes` on).
    void start(qint64 totalBytes, qint64 startBytes = 0);
    // elapsedMs < 0: measured since start(); a value makes the figures reproducible (screenshots, tests).
    void setProgress(qint64 sentBytes, qint64 totalBytes, qint64 elapsedMs = -1);
    void setStatus(const QString &text);
    // Back to an empty bar with a status line; or a full one once the server stored the release.
    void reset(const QString &status);
    void setComplete(const QString &status);

    QProgressBar *bar() const { return m_bar; }
    QString detailText() const;

    // "85.2 MB/s" and "about 1 min 20 s left": decimal megabytes, as network speeds are quoted.
    static QString speedText(double bytesPerSecond);
    static QString etaText(qint64 remainingBytes, double bytesPerSecond);

private:
    QProgressBar *m_bar = nullptr;
    QLabel *m_detail = nullptr;
    QElapsedTimer m_clock;
    qint64 m_startBytes = 0;
};

} // namespace otter::ui
