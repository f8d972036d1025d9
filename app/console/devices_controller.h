// The Devices page's logic: the filter typed by the operator applied in SQL (errors shown where they are),
// the counts, and the selected device's detail with its deployment history when online.
#pragma once

#include "models/cache_database.h"

#include <QObject>

namespace otter::client {
class ConsoleClient;
}
namespace otter::models {
class DeviceTableModel;
}
namespace otter::ui {
class DevicesPage;
}

namespace otter::console {

class DevicesController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DevicesController)

public:
    DevicesController(const models::CacheDatabase &database, models::DeviceTableModel *model,
                      ui::DevicesPage *page, client::ConsoleClient *client, QObject *parent);

    void setOnline(bool online);
    // After the cache changed: "N of M devices".
    void updateCounts();

private:
    void applyFilter(const QString &text);
    void showDevice(const QString &deviceId);

    models::CacheDatabase m_database;
    models::DeviceTableModel *m_model;
    ui::DevicesPage *m_page;
    client::ConsoleClient *m_client;
    bool m_online = false;
    QString m_selected;
    // Answers for a device the operator has since left are dropped.
    quint64 m_historyGeneration = 0;
};

} // namespace otter::console
