// Plain value types the console's layers exchange: the gRPC client converts API messages into these, the
// offline cache stores them, models and pages show them. No protobuf or gRPC type crosses this line.
#pragma once

#include <QDateTime>
#include <QList>
#include <QMap>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <optional>

namespace otter::models {

// Enumerations travel as the API's names without their prefix ("RUNNING", "ROLLED_BACK", "IDLE", "A"), so
// the cache stays readable with the stock sqlite3 tool and a new server-side value never breaks the client.

struct DeviceRecord
{
    QString id;
    QString hardwareClass;
    QString region;
    QMap<QString, QString> labels;
    QString firmwareVersion;
    quint64 securityVersion = 0;
    QString activeBank; // "A" | "B" | ""
    QString inactiveBankVersion;
    QString state; // PROVISIONED | IDLE | UPDATING | UPDATE_FAILED
    QDateTime lastSeen;
    bool busy = false;
    QString currentDeploymentId;
    qint64 revision = 0;
};

struct GroupRecord
{
    QString id;
    QString name;
    QString description;
    // Exactly one of the two: a dynamic group has a filter expression, a static one a member list.
    std::optional<QString> filter;
    QStringList staticMembers;
    QString createdBy;
    QDateTime createdAt;
    QString updatedBy;
    QDateTime updatedAt;
    qint64 revision = 0;
};

struct WindowRecord
{
    QString id;
    QString name;
    QString description;
    QString timeZone; // IANA
    // Weekly recurrence (weekdays 1 = Monday … 7 = Sunday, local start time) or a cron expression.
    QList<int> weekdays;
    int startHour = 0;
    int startMinute = 0;
    QString cronExpression; // non-empty: cron recurrence
    qint64 durationSeconds = 0;
    QString createdBy;
    QDateTime createdAt;
    QString updatedBy;
    QDateTime updatedAt;
    qint64 revision = 0;
};

struct ReleaseRecord
{
    QString id; // hex SHA-256 of the manifest bytes
    QString version;
    quint64 securityVersion = 0;
    QStringList hardwareClasses;
    QString vendorId;
    QString payloadType;
    quint64 imageSize = 0;
    QString imageSha256;
    QDateTime createdAt;
    QStringList signerKeyIds;
    QString uploadedBy;
    QDateTime uploadedAt;
    qint64 revision = 0;
};

struct TrustedKeyRecord
{
    QString id;
    QString name;
    QString comment;
    QString publicKeyPem;
    QString state; // ACTIVE | REVOKED
    QString addedBy;
    QDateTime addedAt;
    QString revokedBy;
    QDateTime revokedAt;
    QString revocationReason;
    qint64 revision = 0;
};

struct ActorStampRecord
{
    QString actor; // empty: never happened
    QDateTime time;
    QString comment;
};

struct RolloutStageRecord
{
    int cumulativePercent = 0;
    qint64 minSoakSeconds = 0;
    double minSuccessPercent = 0;
};

struct RolloutRecord
{
    QString id;
    QString name;
    QString description;
    QString releaseId;
    QStringList targetGroupIds;
    QString windowId;
    QList<RolloutStageRecord> stages;
    double maxFailurePercent = 0;
    quint32 minFinished = 0;
    QString state; // DRAFT | PENDING_APPROVAL | APPROVED | RUNNING | PAUSED | COMPLETED | ABORTED
    int currentStage = 0;
    QString createdBy;
    QDateTime createdAt;
    QString updatedBy;
    QDateTime updatedAt;
    ActorStampRecord submitted;
    ActorStampRecord approved;
    ActorStampRecord rejected;
    ActorStampRecord started;
    ActorStampRecord paused;
    bool autoPaused = false;
    ActorStampRecord finished;
    qint64 revision = 0;
};

struct AuditRecord
{
    qint64 seq = 0;
    QDateTime time;
    QString actor;
    QString action;
    QString object;
    QString detailsJson;
    QString prevHash;
    QString hash;
    qint64 revision = 0;
};

// One device in one rollout, as a device's deployment history shows it (not synced: read live).
struct DeploymentRecord
{
    QString id;
    QString rolloutId;
    QString deviceId;
    QString releaseId;
    QString releaseVersion;
    QString fromVersion;
    int stage = -1;     // 0-based; -1 for a SKIPPED deployment, which belongs to no stage
    QString state;      // PENDING | DOWNLOADING | … | SUCCEEDED | FAILED | ROLLED_BACK | SKIPPED
    QString skipReason; // INCOMPATIBLE_HARDWARE | DOWNGRADE | ALREADY_CURRENT | ""
    QString error;      // DOWNLOAD_FAILED | … | "" (FAILED and ROLLED_BACK only)
    QString detail;
    QDateTime createdAt;
    QDateTime updatedAt;
    QDateTime finishedAt;
    bool cancelled = false;
};

// Object kinds as the sync API names them, for deletions.
enum class ObjectKind { Device, Group, MaintenanceWindow, Release, TrustedKey, Rollout };

struct DeletionRecord
{
    ObjectKind kind = ObjectKind::Device;
    QString id;
    qint64 revision = 0;
};

// One page of "what changed since revision N". Applied to the cache in one transaction; the cache's
// revision becomes currentRevision only after the last page (complete == true).
struct ChangeBatch
{
    QList<DeviceRecord> devices;
    QList<GroupRecord> groups;
    QList<WindowRecord> windows;
    QList<ReleaseRecord> releases;
    QList<TrustedKeyRecord> trustedKeys;
    QList<RolloutRecord> rollouts;
    QList<AuditRecord> auditEntries;
    QList<DeletionRecord> deletions;
    qint64 currentRevision = 0;
    bool complete = false;
};

// A draft waiting in the outbox to be sent: a create, update or delete of a group, maintenance window or
// rollout, made against the object's revision the operator saw (0 for a create).
struct OutboxEntry
{
    qint64 id = 0;
    QString kind;      // "group" | "window" | "rollout"
    QString operation; // "create" | "update" | "delete"
    QString objectId;
    qint64 baseRevision = 0;
    QByteArray payloadJson;       // the record as records_json.h writes it
    QString state;                // "queued" | "conflict" | "rejected"
    QString error;                // why the server refused it (rejected) or what conflicted
    QByteArray serverPayloadJson; // the server's version of the object (conflict)
    QDateTime createdAt;
};

// A server the console knows: where it is and the CA certificate pinned on first contact.
struct ServerProfile
{
    QString name;          // shown in lists; defaults to the address
    QString address;       // host:port
    QByteArray caPem;      // empty until the operator accepted the CA
    QString caFingerprint; // SHA-256, colon-separated upper-case hex as otterd prints it
    QString operatorName;  // last signed-in operator, for display
};

} // namespace otter::models

Q_DECLARE_METATYPE(otter::models::DeviceRecord)
Q_DECLARE_METATYPE(otter::models::GroupRecord)
Q_DECLARE_METATYPE(otter::models::WindowRecord)
Q_DECLARE_METATYPE(otter::models::ReleaseRecord)
Q_DECLARE_METATYPE(otter::models::TrustedKeyRecord)
Q_DECLARE_METATYPE(otter::models::RolloutRecord)
Q_DECLARE_METATYPE(otter::models::AuditRecord)
Q_DECLARE_METATYPE(otter::models::OutboxEntry)
Q_DECLARE_METATYPE(otter::models::ServerProfile)
Q_DECLARE_METATYPE(otter::models::ChangeBatch)
Q_DECLARE_METATYPE(otter::models::DeploymentRecord)
