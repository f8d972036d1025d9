// Applying one device status report to its deployment: the arrows of deployments.proto, idempotence,
// counters and the failure-policy sample, all in the report batch's transaction.
#pragma once

#include "backend/server/api_error.h"
#include "backend/storage/database.h"
#include "otter/v1/device_api.pb.h"

namespace otter::backend {

struct ReportOutcome
{
    ApiStatus refusal;
    v1::ReportStatusResponse response;
    QString rolloutId; // set when the report changed a deployment
};

Result<ReportOutcome> applyStatusReport(WriteContext &tx, const QString &deviceId,
                                        const v1::ReportStatusRequest &report, qint64 nowMs);

QString deploymentStateName(v1::DeploymentState state); // "INSTALLING"

} // namespace otter::backend
