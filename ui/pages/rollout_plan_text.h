// A rollout's plan and its pre-flight as the operator reads them — what approving or starting will do:
// release, targets, window, stages with gates, failure policy; devices per stage, skipped devices and why,
// the first window opening and the estimated time to 100 %. HTML for a QTextBrowser, shared by the wizard's
// summary and the approval queue.
#pragma once

#include "models/records.h"
#include "models/rollout_preview.h"

#include <QMap>
#include <QString>

namespace otter::ui {

// Names for the ids a rollout refers to; an id without a name is shown as it is.
struct RolloutNames
{
    QMap<QString, QString> releases; // release id → version
    QMap<QString, QString> groups;   // group id → name
    QMap<QString, QString> windows;  // window id → name
};

QString rolloutPlanHtml(const models::RolloutRecord &rollout, const RolloutNames &names);
QString rolloutPreviewHtml(const models::RolloutPreviewRecord &preview);
// "3 d 4 h", "45 min", "under a minute".
QString formatDuration(qint64 seconds);
// What a skip reason means for the device, e.g. "hardware class not supported by the release".
QString skipReasonText(const QString &reason);

} // namespace otter::ui
