// DeviceDetailPane: everything about one device an operator checks before and after an update — versions,
// what each A/B bank holds, security version, labels, state, last contact, and its deployment history.
#pragma once

#include "models/records.h"
#include "ui/pages/deployment_history_entry.h"

#include <QList>
#include <QWidget>

class QFormLayout;
class QLabel;
class QStackedWidget;
class QTreeWidget;

namespace otter::ui {

class DeviceDetailPane final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeviceDetailPane)

public:
    explicit DeviceDetailPane(QWidget *parent = nullptr);

    void showDevice(const models::DeviceRecord &device);
    void showDeploymentHistory(const QList<DeploymentHistoryEntry> &history);
    // Back to the "select a device" hint.
    void clear();

    QString deviceId() const { return m_deviceId; }
    // The text shown for a field, by its label (e.g. "Bank A"); for tests and accessibility checks.
    QString fieldText(const QString &label) const;

private:
    QLabel *addField(const QString &label);

    QStackedWidget *m_stack = nullptr;
    QLabel *m_title = nullptr;
    QFormLayout *m_form = nullptr;
    QList<QPair<QString, QLabel *>> m_fields;
    QTreeWidget *m_history = nullptr;
    QString m_deviceId;
};

} // namespace otter::ui
