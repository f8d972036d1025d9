// Sample data for the rollout wizard and approval queue tests: releases, groups with counts, a window, a
// pre-flight, and a rollouts model shaped like the models layer's (State in column 1, record and revision
// roles).
#pragma once

#include "models/cached_list_model.h"
#include "models/rollout_preview.h"
#include "tst_pages_fixtures.h"
#include "ui/dialogs/rollout_wizard_targets_page.h"

#include <QStandardItemModel>

namespace otter::ui::testing {

inline QList<TargetGroupChoice> sampleGroupChoices()
{
    QList<TargetGroupChoice> choices;
    qint64 count = 12;
    for (const models::GroupRecord &group : sampleGroups()) {
        choices.append({group, count});
        count *= 9;
    }
    return choices;
}

inline models::RolloutPreviewRecord samplePreview()
{
    models::RolloutPreviewRecord preview;
    preview.targetedDevices = 1240;
    preview.eligibleDevices = 1198;
    const QList<int> percents = {1, 10, 25, 50, 100};
    qint64 before = 0;
    for (int i = 0; i < percents.size(); ++i) {
        const qint64 total = (preview.eligibleDevices * percents[i] + 99) / 100;
        preview.stages.append({i, percents[i], total - before, total});
        before = total;
    }
    preview.skipped = {{QStringLiteral("INCOMPATIBLE_HARDWARE"),
                        30,
                        {QStringLiteral("gw-000017"), QStringLiteral("gw-000231")}},
                       {QStringLiteral("ALREADY_CURRENT"), 12, {QStringLiteral("gw-000005")}}};
    preview.firstWindowOpening = sampleNow().addSecs(12 * 3600 + 1800);
    preview.estimatedSeconds = 3 * 86400 + 5 * 3600;
    preview.warnings = {QStringLiteral("12 targeted devices have not checked in for 7 days")};
    return preview;
}

inline QStandardItemModel *makeRolloutQueueModel(const QList<std::pair<models::RolloutRecord, qint64>> &rows,
                                                 QObject *parent)
{
    auto *model = new QStandardItemModel(0, 2, parent);
    model->setHorizontalHeaderLabels({QStringLiteral("Name"), QStringLiteral("State")});
    for (const auto &[rollout, revision] : rows) {
        const QVariant record = QVariant::fromValue(rollout);
        QList<QStandardItem *> items = {recordItem(rollout.name, record, revision == 0),
                                        recordItem(rollout.state, record, revision == 0)};
        for (QStandardItem *item : items)
            item->setData(revision, models::CachedListModel::RevisionRole);
        model->appendRow(items);
    }
    return model;
}

} // namespace otter::ui::testing
