// A minimal device for integration tests, speaking the real device API over gRPC: check in, download with
// resume, verify the image against the signed manifest, report each step, and boot (or fail to).
#pragma once

#include "otter/v1/device_api.grpc.pb.h"

#include <grpcpp/grpcpp.h>

#include <QString>

#include <memory>

namespace otter::test {

class TestDevice
{
public:
    TestDevice(std::shared_ptr<grpc::Channel> channel, QString id, QString token, QString hardwareClass,
               QString version = QStringLiteral("1.0.0"), quint64 securityVersion = 1);

    enum class Outcome { Succeed, RollBack, FailInstall };

    grpc::Status checkIn(v1::CheckInResponse *response, bool busy = false);
    grpc::Status report(const QString &deploymentId, v1::DeploymentState from, v1::DeploymentState to,
                        v1::DeploymentError error = v1::DEPLOYMENT_ERROR_UNSPECIFIED,
                        v1::ReportStatusResponse *response = nullptr);
    // report(), repeated while the connection breaks (UNAVAILABLE), as devices retry until acknowledged.
    grpc::Status reportAcknowledged(const QString &deploymentId, v1::DeploymentState from,
                                    v1::DeploymentState to,
                                    v1::DeploymentError error = v1::DEPLOYMENT_ERROR_UNSPECIFIED);
    // Downloads from `offset`, appending to `image`; stops after `maxBytes` when > 0 (a dropped connection).
    grpc::Status download(const QString &deploymentId, quint64 offset, QByteArray &image,
                          qint64 maxBytes = 0);

    // One step of the update loop: check in, and act on the directive as far as it allows, continuing from
    // the state the directive names. Returns the deployment's state afterwards (UNSPECIFIED when there was
    // nothing to do).
    v1::DeploymentState step(Outcome outcome = Outcome::Succeed);

    QString id() const { return m_id; }
    QString version() const { return m_version; }
    quint64 securityVersion() const { return m_securityVersion; }
    QString lastError() const { return m_lastError; }
    // How many times this device began writing an image into its inactive bank.
    int installs() const { return m_installs; }
    // How many ReportStatus calls this device made (answered or not).
    int reports() const { return m_reports; }
    // How many reports reportAcknowledged() had to repeat because the connection broke.
    int retriedReports() const { return m_retriedReports; }

private:
    std::unique_ptr<grpc::ClientContext> context() const;

    std::unique_ptr<v1::DeviceService::Stub> m_stub;
    QString m_id;
    QString m_token;
    QString m_class;
    QString m_version;
    quint64 m_securityVersion;
    v1::Bank m_bank = v1::BANK_A;
    QString m_lastError;
    int m_installs = 0;
    int m_reports = 0;
    int m_retriedReports = 0;
    QString m_installedDeployment; // the deployment whose image is in the inactive bank
};

} // namespace otter::test
