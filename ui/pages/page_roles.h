// Item-data roles the pages read from the models they are given, beyond Qt's own display roles.
#pragma once

#include "models/cached_list_model.h"

namespace otter::ui {

// Contract with the models layer:
//  - the devices model's column 0 (Qt::DisplayRole) holds the device id; DevicesPage emits it on selection;
//  - other list pages take a selected row's id from its RecordRole record (id, or seq for audit entries)
//    and fall back to column 0 (Qt::DisplayRole) when the model has no RecordRole;
//  - DraftRole (bool) is true on rows that are local drafts waiting in the outbox (groups, windows,
//    rollouts); pages show those rows in italics with a "draft" marker;
//  - RecordRole returns the row's whole value record (models::GroupRecord, WindowRecord, ReleaseRecord,
//    RolloutRecord or AuditRecord) as a QVariant; pages use it to fill editors and detail panes.
// The values are the models layer's own, so that a page shows the console's models as they are.
enum PageRole {
    DraftRole = models::CachedListModel::DraftRole,
    RecordRole = models::CachedListModel::RecordRole,
};

} // namespace otter::ui
