// Fills the Dashboard from the cache: devices by version and state, active rollouts.
#pragma once

#include "models/cache_database.h"

#include <QObject>

namespace otter::ui {
class DashboardPage;
}

namespace otter::console {

class DashboardController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DashboardController)

public:
    DashboardController(const models::CacheDatabase &database, ui::DashboardPage *page, QObject *parent);

    void refresh();

signals:
    void rolloutActivated(const QString &rolloutId);

private:
    models::CacheDatabase m_database;
    ui::DashboardPage *m_page;
};

} // namespace otter::console
