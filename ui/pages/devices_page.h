// DevicesPage: the fleet table (100,000+ rows from the offline cache), the filter-expression box with
// inline errors, the "N of M devices" count, and the detail pane of the selected device.
#pragma once

#include "models/records.h"
#include "ui/pages/deployment_history_entry.h"

#include <QList>
#include <QWidget>

class QAbstractItemModel;
class QItemSelection;
class QLabel;
class QTableView;

namespace otter::ui {

class DeviceDetailPane;
class InlineErrorEdit;

// The table never sorts or filters by itself: header clicks call the model's sort() (the models layer
// sorts in SQL), and the filter text goes out through filterRequested. The selected device's id is read
// from column 0 (Qt::DisplayRole) of the model.
class DevicesPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DevicesPage)

public:
    explicit DevicesPage(QWidget *parent = nullptr);

    void setModel(QAbstractItemModel *model);
    QAbstractItemModel *model() const;

    // The filter the table shows; sets the text without emitting filterRequested.
    void setFilterText(const QString &text);
    QString filterText() const;
    // The server (or the cache) refused the filter: column is 1-based, 0 when the error has no position.
    void showFilterError(int column, const QString &message);
    void clearFilterError();

    void setCounts(qint64 matching, qint64 total);
    QString countsText() const;

    void showDevice(const models::DeviceRecord &device);
    void showDeploymentHistory(const QList<DeploymentHistoryEntry> &history);

    QTableView *tableView() const { return m_table; }
    InlineErrorEdit *filterEdit() const { return m_filter; }
    DeviceDetailPane *detailPane() const { return m_detail; }

public slots:
    void focusFilter();

signals:
    // Valid filter text (checked locally first), after ~300 ms without typing or at once on Enter.
    void filterRequested(const QString &filter);
    void deviceSelected(const QString &deviceId);

private:
    void onCurrentRowChanged();

    InlineErrorEdit *m_filter = nullptr;
    QLabel *m_counts = nullptr;
    QTableView *m_table = nullptr;
    DeviceDetailPane *m_detail = nullptr;
    QString m_selectedId;
};

} // namespace otter::ui
