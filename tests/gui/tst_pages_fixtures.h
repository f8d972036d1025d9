// Sample data for the page tests and screenshots: a generated device table of any size and small models
// of groups, windows, releases, rollouts and audit entries shaped like the models layer's.
#pragma once

#include "models/records.h"
#include "ui/pages/deployment_history_entry.h"
#include "ui/pages/fleet_summary.h"
#include "ui/pages/page_roles.h"

#include <QAbstractTableModel>
#include <QStandardItemModel>
#include <QTimeZone>

#include <algorithm>

namespace otter::ui::testing {

inline QDateTime sampleNow()
{
    return QDateTime(QDate(2024, 3, 28), QTime(9, 30), QTimeZone::utc());
}

// Rows are computed from their index, so 100,000 or 1,000,000 rows cost no memory. Records the widest row
// index any view asked for, which shows whether a view walked the whole model.
class SampleDeviceModel final : public QAbstractTableModel
{
public:
    enum Column { Id, Class, Region, Version, State, LastSeen, ColumnCount };

    explicit SampleDeviceModel(int rows, QObject *parent = nullptr)
        : QAbstractTableModel(parent)
        , m_rows(rows)
    {}

    int rowCount(const QModelIndex &parent = {}) const override { return parent.isValid() ? 0 : m_rows; }
    int columnCount(const QModelIndex &parent = {}) const override
    {
        return parent.isValid() ? 0 : ColumnCount;
    }

    static QString idAt(int row) { return QStringLiteral("gw-%1").arg(row, 6, 10, QLatin1Char('0')); }

    QVariant data(const QModelIndex &index, int role) const override
    {
        if (!index.isValid() || role != Qt::DisplayRole)
            return {};
        const int row = m_descending ? m_rows - 1 - index.row() : index.row();
        m_highestRowRead = std::max(m_highestRowRead, index.row());
        static const QStringList classes = {QStringLiteral("gw-200"), QStringLiteral("gw-300"),
                                            QStringLiteral("sensor-10")};
        static const QStringList regions = {QStringLiteral("eu-west"), QStringLiteral("eu-north"),
                                            QStringLiteral("us-east"), QStringLiteral("ap-south")};
        static const QStringList versions = {QStringLiteral("2.3.0"), QStringLiteral("2.4.1"),
                                             QStringLiteral("2.4.0"), QStringLiteral("2.5.0-rc.1")};
        static const QStringList states = {QStringLiteral("IDLE"), QStringLiteral("IDLE"),
                                           QStringLiteral("IDLE"), QStringLiteral("UPDATING"),
                                           QStringLiteral("IDLE"), QStringLiteral("UPDATE_FAILED")};
        switch (index.column()) {
        case Id:
            return idAt(row);
        case Class:
            return classes[row % classes.size()];
        case Region:
            return regions[(row / 3) % regions.size()];
        case Version:
            return versions[(row / 7) % versions.size()];
        case State:
            return states[(row / 5) % states.size()];
        case LastSeen:
            return sampleNow()
                .addSecs(-(row % 5000) * 17)
                .toLocalTime()
                .toString(QStringLiteral("yyyy-MM-dd HH:mm"));
        }
        return {};
    }

    QVariant headerData(int section, Qt::Orientation orientation, int role) const override
    {
        if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
            return QAbstractTableModel::headerData(section, orientation, role);
        static const QStringList names = {QStringLiteral("Device"), QStringLiteral("Class"),
                                          QStringLiteral("Region"), QStringLiteral("Firmware"),
                                          QStringLiteral("State"),  QStringLiteral("Last seen")};
        return names.value(section);
    }

    // Stands in for the SQL ORDER BY of the real model: only the id column's order is modelled.
    void sort(int column, Qt::SortOrder order) override
    {
        m_sortColumn = column;
        m_sortOrder = order;
        ++m_sortCalls;
        emit layoutAboutToBeChanged();
        m_descending = column == Id && order == Qt::DescendingOrder;
        emit layoutChanged();
    }

    int highestRowRead() const { return m_highestRowRead; }
    void resetRowsRead() { m_highestRowRead = -1; }
    int sortColumn() const { return m_sortColumn; }
    Qt::SortOrder sortOrder() const { return m_sortOrder; }
    int sortCalls() const { return m_sortCalls; }

private:
    int m_rows = 0;
    bool m_descending = false;
    mutable int m_highestRowRead = -1;
    int m_sortColumn = -1;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
    int m_sortCalls = 0;
};

inline models::DeviceRecord sampleDevice()
{
    models::DeviceRecord device;
    device.id = QStringLiteral("gw-004217");
    device.hardwareClass = QStringLiteral("gw-200");
    device.region = QStringLiteral("eu-west");
    device.labels = {{QStringLiteral("ring"), QStringLiteral("canary")},
                     {QStringLiteral("site"), QStringLiteral("hamburg-3")}};
    device.firmwareVersion = QStringLiteral("2.4.1");
    device.securityVersion = 7;
    device.activeBank = QStringLiteral("B");
    device.inactiveBankVersion = QStringLiteral("2.3.0");
    device.state = QStringLiteral("IDLE");
    device.lastSeen = sampleNow().addSecs(-95);
    return device;
}

inline QList<DeploymentHistoryEntry> sampleHistory()
{
    const QDateTime now = sampleNow();
    return {
        {QStringLiteral("r-2f1c"), QStringLiteral("2.4.1 EU canary"), QStringLiteral("2.4.1"),
         QStringLiteral("2.3.0"), QStringLiteral("SUCCEEDED"), now.addDays(-2), QString()},
        {QStringLiteral("r-19aa"), QStringLiteral("2.4.0 EU wave"), QStringLiteral("2.4.0"),
         QStringLiteral("2.3.0"), QStringLiteral("ROLLED_BACK"), now.addDays(-9),
         QStringLiteral("boot check failed on bank B; back on A")},
        {QStringLiteral("r-0c77"), QStringLiteral("2.3.0 fleet-wide"), QStringLiteral("2.3.0"),
         QStringLiteral("2.2.4"), QStringLiteral("SUCCEEDED"), now.addDays(-40), QString()},
    };
}

inline QStandardItem *recordItem(const QString &text, const QVariant &record, bool draft = false)
{
    auto *item = new QStandardItem(text);
    item->setData(record, RecordRole);
    item->setData(draft, DraftRole);
    item->setEditable(false);
    return item;
}

inline QList<models::GroupRecord> sampleGroups()
{
    QList<models::GroupRecord> groups;
    auto add = [&](const QString &id, const QString &name, const QString &description,
                   std::optional<QString> filter, QStringList members) {
        models::GroupRecord group;
        group.id = id;
        group.name = name;
        group.description = description;
        group.filter = std::move(filter);
        group.staticMembers = std::move(members);
        group.revision = 41;
        groups.append(group);
    };
    add(QStringLiteral("g-canary-eu"), QStringLiteral("Canary gateways EU"),
        QStringLiteral("First ring for every gateway release in Europe."),
        QStringLiteral(
            "class == \"gw-200\" and region in [\"eu-west\", \"eu-north\"] and label.ring == \"canary\""),
        {});
    add(QStringLiteral("g-lab"), QStringLiteral("Hamburg lab bench"),
        QStringLiteral("Devices on the test bench."), std::nullopt,
        {QStringLiteral("gw-000001"), QStringLiteral("gw-000002"), QStringLiteral("sensor-000113")});
    add(QStringLiteral("g-us-old"), QStringLiteral("US gateways before 2.4"), QString(),
        QStringLiteral("region == \"us-east\" and version < \"2.4.0\""), {});
    add(QStringLiteral("draft-1"), QStringLiteral("APAC sensors"), QString(),
        QStringLiteral("class ~ \"sensor-*\" and region == \"ap-south\""), {});
    return groups;
}

inline QStandardItemModel *makeGroupModel(QObject *parent)
{
    auto *model = new QStandardItemModel(0, 2, parent);
    model->setHorizontalHeaderLabels({QStringLiteral("Name"), QStringLiteral("Membership")});
    for (const models::GroupRecord &group : sampleGroups()) {
        const bool draft = group.id.startsWith(QLatin1String("draft"));
        const QVariant record = QVariant::fromValue(group);
        model->appendRow(
            {recordItem(group.name, record, draft),
             recordItem(group.filter ? QStringLiteral("dynamic")
                                     : QStringLiteral("static, %1 devices").arg(group.staticMembers.size()),
                        record, draft)});
    }
    return model;
}

inline models::WindowRecord berlinNightWindow()
{
    models::WindowRecord window;
    window.id = QStringLiteral("w-eu-night");
    window.name = QStringLiteral("EU nights");
    window.description = QStringLiteral("Every night, 02:30 Berlin time, two hours.");
    window.timeZone = QStringLiteral("Europe/Berlin");
    window.weekdays = {1, 2, 3, 4, 5, 6, 7};
    window.startHour = 2;
    window.startMinute = 30;
    window.durationSeconds = 2 * 3600;
    window.revision = 12;
    return window;
}

inline QStandardItemModel *makeWindowModel(QObject *parent)
{
    auto *model = new QStandardItemModel(0, 2, parent);
    model->setHorizontalHeaderLabels({QStringLiteral("Name"), QStringLiteral("Time zone")});
    models::WindowRecord weekend;
    weekend.id = QStringLiteral("w-us-weekend");
    weekend.name = QStringLiteral("US weekend mornings");
    weekend.timeZone = QStringLiteral("America/New_York");
    weekend.cronExpression = QStringLiteral("0 5 * * 6,0");
    weekend.durationSeconds = 3 * 3600;
    models::WindowRecord draft = berlinNightWindow();
    draft.id = QStringLiteral("draft-7");
    draft.name = QStringLiteral("APAC lunch break");
    draft.timeZone = QStringLiteral("Asia/Kolkata");
    for (const auto &[window, isDraft] : QList<QPair<models::WindowRecord, bool>>{
             {berlinNightWindow(), false}, {weekend, false}, {draft, true}}) {
        const QVariant record = QVariant::fromValue(window);
        model->appendRow(
            {recordItem(window.name, record, isDraft), recordItem(window.timeZone, record, isDraft)});
    }
    return model;
}

inline models::RolloutRecord sampleRollout(const QString &id, const QString &name, const QString &state,
                                           int stage)
{
    models::RolloutRecord rollout;
    rollout.id = id;
    rollout.name = name;
    rollout.releaseId = QStringLiteral("9f2c41d07be3a9d1c0ffee5d1e8f00aa41b7c3d2e1f0a9b8c7d6e5f4a3b2c1d0");
    rollout.targetGroupIds = {QStringLiteral("g-canary-eu")};
    rollout.windowId = QStringLiteral("w-eu-night");
    for (int percent : {1, 10, 25, 50, 100})
        rollout.stages.append({percent, 3600, 98.0});
    rollout.maxFailurePercent = 5;
    rollout.minFinished = 20;
    rollout.state = state;
    rollout.currentStage = stage;
    rollout.createdBy = QStringLiteral("olga");
    rollout.createdAt = sampleNow().addDays(-1);
    rollout.approved = {QStringLiteral("abe"), sampleNow().addSecs(-20 * 3600), QStringLiteral("looks good")};
    rollout.started = {QStringLiteral("olga"), sampleNow().addSecs(-18 * 3600), QString()};
    return rollout;
}

inline FleetSummary sampleSummary()
{
    FleetSummary summary;
    summary.byVersion = {{QStringLiteral("2.4.1"), 41250},
                         {QStringLiteral("2.3.0"), 38110},
                         {QStringLiteral("2.10.0-rc.1"), 1200},
                         {QStringLiteral("2.4.0"), 15020},
                         {QStringLiteral("2.2.4"), 4420}};
    summary.byState = {{QStringLiteral("IDLE"), 96320},
                       {QStringLiteral("UPDATING"), 2950},
                       {QStringLiteral("UPDATE_FAILED"), 312},
                       {QStringLiteral("PROVISIONED"), 418}};
    models::RolloutRecord paused =
        sampleRollout(QStringLiteral("r-19aa"), QStringLiteral("2.4.1 US wave"), QStringLiteral("PAUSED"), 2);
    paused.autoPaused = true;
    summary.activeRollouts = {sampleRollout(QStringLiteral("r-2f1c"), QStringLiteral("2.4.1 EU canary"),
                                            QStringLiteral("RUNNING"), 1),
                              paused};
    summary.releaseVersions = {{paused.releaseId, QStringLiteral("2.4.1")}};
    return summary;
}

inline models::ReleaseRecord sampleRelease(const QString &version, int daysAgo)
{
    models::ReleaseRecord release;
    release.id = QStringLiteral("%1c0ffee5d1e8f00aa41b7c3d2e1f0a9b8c7d6e5f4a3b2c1d0")
                     .arg(qHash(version), 16, 16, QLatin1Char('0'));
    release.version = version;
    release.securityVersion = 7;
    release.hardwareClasses = {QStringLiteral("gw-200"), QStringLiteral("gw-300")};
    release.vendorId = QStringLiteral("acme-iot");
    release.payloadType = QStringLiteral("full-image");
    release.imageSize = 48'234'496;
    release.imageSha256 = QStringLiteral("3b7e21a0c4d9f8e7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3");
    release.createdAt = sampleNow().addDays(-daysAgo - 1);
    release.signerKeyIds = {QStringLiteral("k-7d3e9a41c2b8")};
    release.uploadedBy = QStringLiteral("olga");
    release.uploadedAt = sampleNow().addDays(-daysAgo);
    return release;
}

inline QStandardItemModel *makeReleaseModel(QObject *parent)
{
    auto *model = new QStandardItemModel(0, 3, parent);
    model->setHorizontalHeaderLabels(
        {QStringLiteral("Version"), QStringLiteral("SVN"), QStringLiteral("Uploaded")});
    for (const auto &[version, days] : QList<QPair<QString, int>>{
             {QStringLiteral("2.4.1"), 3}, {QStringLiteral("2.4.0"), 12}, {QStringLiteral("2.3.0"), 40}}) {
        const models::ReleaseRecord release = sampleRelease(version, days);
        const QVariant record = QVariant::fromValue(release);
        model->appendRow({recordItem(version, record),
                          recordItem(QString::number(release.securityVersion), record),
                          recordItem(release.uploadedAt.toString(QStringLiteral("yyyy-MM-dd")), record)});
    }
    return model;
}

inline QStandardItemModel *makeRolloutModel(QObject *parent)
{
    auto *model = new QStandardItemModel(0, 3, parent);
    model->setHorizontalHeaderLabels(
        {QStringLiteral("Name"), QStringLiteral("State"), QStringLiteral("Stage")});
    const FleetSummary summary = sampleSummary();
    QList<QPair<models::RolloutRecord, bool>> rollouts;
    for (const models::RolloutRecord &rollout : summary.activeRollouts)
        rollouts.append({rollout, false});
    rollouts.append({sampleRollout(QStringLiteral("draft-3"), QStringLiteral("2.5.0 lab trial"),
                                   QStringLiteral("DRAFT"), 0),
                     true});
    for (const auto &[rollout, draft] : rollouts) {
        const QVariant record = QVariant::fromValue(rollout);
        model->appendRow({recordItem(rollout.name, record, draft), recordItem(rollout.state, record, draft),
                          recordItem(QString::number(rollout.currentStage + 1), record, draft)});
    }
    return model;
}

inline QStandardItemModel *makeAuditModel(QObject *parent)
{
    auto *model = new QStandardItemModel(0, 4, parent);
    model->setHorizontalHeaderLabels(
        {QStringLiteral("Seq"), QStringLiteral("Time"), QStringLiteral("Actor"), QStringLiteral("Action")});
    const QStringList actions = {QStringLiteral("release.upload"), QStringLiteral("rollout.create"),
                                 QStringLiteral("rollout.approve"), QStringLiteral("rollout.start"),
                                 QStringLiteral("rollout.auto_pause")};
    const QStringList actors = {QStringLiteral("olga"), QStringLiteral("olga"), QStringLiteral("abe"),
                                QStringLiteral("olga"), QStringLiteral("otterd")};
    for (int i = 0; i < actions.size(); ++i) {
        models::AuditRecord entry;
        entry.seq = 1040 + i;
        entry.time = sampleNow().addSecs(-3600 * (actions.size() - i));
        entry.actor = actors[i];
        entry.action = actions[i];
        entry.object = i == 0 ? QStringLiteral("release/9f2c41d0") : QStringLiteral("rollout/r-19aa");
        entry.detailsJson = QStringLiteral(R"({"stage":2,"failed_percent":6.2,"threshold":5})");
        entry.prevHash =
            QStringLiteral("a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9%1").arg(i);
        entry.hash =
            QStringLiteral("0f9e8d7c6b5a49382716051423324150f9e8d7c6b5a49382716051423324150%1").arg(i + 1);
        const QVariant record = QVariant::fromValue(entry);
        model->appendRow({recordItem(QString::number(entry.seq), record),
                          recordItem(entry.time.toString(QStringLiteral("yyyy-MM-dd HH:mm")), record),
                          recordItem(entry.actor, record), recordItem(entry.action, record)});
    }
    return model;
}

} // namespace otter::ui::testing
