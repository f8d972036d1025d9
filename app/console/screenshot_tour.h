// For machines without a display: shows each page of the console in turn and saves what it shows as PNG,
// so that a headless demo can still be looked at.
#pragma once

#include <QObject>
#include <QTimer>

namespace otter::ui {
class MainWindow;
}

namespace otter::console {

class ScreenshotTour final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ScreenshotTour)

public:
    // Every `intervalMs` the next page is shown and written to <directory>/console-<page>.png.
    ScreenshotTour(ui::MainWindow *window, const QString &directory, int intervalMs, QObject *parent);

private:
    void next();

    ui::MainWindow *m_window;
    QString m_directory;
    QTimer m_timer;
    int m_page = 0;
};

} // namespace otter::console
