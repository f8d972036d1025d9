// VersionChart: a bar chart of devices per firmware version, versions in semver order.
#pragma once

#include <QList>
#include <QPair>
#include <QtCharts/QChartView>

class QBarCategoryAxis;
class QBarSeries;
class QValueAxis;

namespace otter::ui {

class VersionChart final : public QChartView
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(VersionChart)

public:
    // More versions than this are folded into one "other" bar so labels stay readable.
    static constexpr int MaxBars = 10;

    explicit VersionChart(QWidget *parent = nullptr);

    // Replaces the whole bar set in one step (no per-value appends, no redraw per value).
    void setVersions(const QList<QPair<QString, qint64>> &devicesByVersion);

    QStringList categories() const;
    QList<qint64> values() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyPalette();

    QBarSeries *m_series = nullptr;
    QBarCategoryAxis *m_versions = nullptr;
    QValueAxis *m_counts = nullptr;
};

} // namespace otter::ui
