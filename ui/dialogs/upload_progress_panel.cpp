// UploadProgressPanel: the bar counts permille so files above 2 GiB fit QProgressBar's int range.
#include "ui/dialogs/upload_progress_panel.h"

#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace otter::ui {

namespace {

constexpr int Steps = 1000;

} // namespace

UploadProgressPanel::UploadProgressPanel(QWidget *parent)
    : QWidget(parent)
    , m_bar(new QProgressBar(this))
    , m_detail(new QLabel(this))
{
    m_bar->setRange(0, Steps);
    m_bar->setTextVisible(true);
    m_detail->setObjectName(u"uploadDetail"_s);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_bar);
    layout->addWidget(m_detail);
}

void UploadProgressPanel::start(qint64 totalBytes, qint64 startBytes)
{
    m_clock.start();
    m_startBytes = startBytes;
    setProgress(startBytes, totalBytes, 0);
}

void UploadProgressPanel::setProgress(qint64 sentBytes, qint64 totalBytes, qint64 elapsedMs)
{
    if (elapsedMs < 0)
        elapsedMs = m_clock.isValid() ? m_clock.elapsed() : 0;
    const int step = totalBytes > 0 ? int(double(sentBytes) / double(totalBytes) * Steps) : 0;
    m_bar->setValue(qBound(0, step, Steps));
    m_bar->setFormat(QStringLiteral("%1%").arg(step / 10));
    const QLocale locale;
    QString text =
        tr("%1 of %2").arg(locale.formattedDataSize(sentBytes), locale.formattedDataSize(totalBytes));
    // Speed only once there is something to measure: the first fraction of a second says little.
    if (elapsedMs >= 250 && sentBytes > m_startBytes) {
        const double speed = double(sentBytes - m_startBytes) * 1000.0 / double(elapsedMs);
        text += u" · "_s + speedText(speed);
        if (sentBytes < totalBytes)
            text += u" · "_s + etaText(totalBytes - sentBytes, speed);
    }
    m_detail->setText(text);
}

void UploadProgressPanel::setStatus(const QString &text)
{
    m_detail->setText(text);
}

void UploadProgressPanel::reset(const QString &status)
{
    m_bar->setValue(0);
    m_bar->setFormat(u"%p%"_s);
    m_detail->setText(status);
}

void UploadProgressPanel::setComplete(const QString &status)
{
    m_bar->setValue(Steps);
    m_bar->setFormat(u"100%"_s);
    m_detail->setText(status);
}

QString UploadProgressPanel::detailText() const
{
    return m_detail->text();
}

QString UploadProgressPanel::speedText(double bytesPerSecond)
{
    return tr("%1 MB/s").arg(QLocale().toString(bytesPerSecond / 1e6, 'f', 1));
}

QString UploadProgressPanel::etaText(qint64 remainingBytes, double bytesPerSecond)
{
    if (bytesPerSecond <= 0)
        return tr("time left unknown");
    const qint64 seconds = qint64(double(remainingBytes) / bytesPerSecond + 0.999);
    if (seconds < 60)
        return tr("about %n s left", nullptr, int(qMax<qint64>(seconds, 1)));
    if (seconds < 3600)
        return tr("about %1 min %2 s left").arg(seconds / 60).arg(seconds % 60);
    return tr("about %1 h %2 min left").arg(seconds / 3600).arg((seconds % 3600) / 60);
}

} // namespace otter::ui
