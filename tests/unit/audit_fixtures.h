// Shared fixtures of the audit chain and audit export tests: realistic entries, chains and exports.
#pragma once

#include "core/audit_chain.h"
#include "core/audit_export.h"

#include <QBuffer>
#include <QtEndian>

namespace otter::testing {

inline QDateTime baseTime()
{
    return QDateTime(QDate(2024, 5, 1), QTime(9, 30, 0, 7), Qt::UTC);
}

// A realistic unsealed entry; details are deliberately not canonical (spaces, unsorted keys).
inline AuditEntry rawEntry(qint64 seq)
{
    static const QString actors[] = {QStringLiteral("system"), QStringLiteral("alice"),
                                     QStringLiteral("bob")};
    AuditEntry entry;
    entry.seq = seq;
    entry.time = baseTime().addMSecs(seq * 1234);
    entry.actor = actors[seq % 3];
    entry.action = seq % 2 ? QStringLiteral("rollout.start") : QStringLiteral("group.update");
    entry.object = QStringLiteral("rollout/r-%1").arg(seq % 17);
    entry.detailsJson =
        QStringLiteral(R"({ "reason": "step %1", "n": %1, "list": [1, 2.5, "x"] })").arg(seq).toUtf8();
    return entry;
}

inline AuditEntry sealedAfter(AuditEntry entry, const QByteArray &prevHash)
{
    const auto sealed = AuditChain::seal(entry, prevHash);
    if (!sealed)
        qFatal("seal failed: %s", qPrintable(sealed.errorMessage()));
    return entry;
}

inline QList<AuditEntry> makeChain(int count)
{
    QList<AuditEntry> chain;
    QByteArray prev = AuditChain::genesisPrevHash();
    for (int seq = 1; seq <= count; ++seq) {
        chain.append(sealedAfter(rawEntry(seq), prev));
        prev = chain.last().hash;
    }
    return chain;
}

inline void rehash(AuditEntry &entry)
{
    entry.hash = AuditChain::computeHash(entry).value();
}

inline QByteArray field(const QByteArray &bytes)
{
    char length[4];
    qToBigEndian(quint32(bytes.size()), length);
    return QByteArray(length, 4) + bytes;
}

inline QByteArray exportOf(const QList<AuditEntry> &entries,
                           const QByteArray &startPrevHash = AuditChain::genesisPrevHash())
{
    QByteArray data;
    QBuffer buffer(&data);
    buffer.open(QIODevice::WriteOnly);
    AuditExportWriter writer(&buffer, startPrevHash);
    for (const AuditEntry &entry : entries) {
        if (!writer.write(entry))
            qFatal("export write failed");
    }
    if (!writer.finish(baseTime().addDays(1), baseTime().addSecs(3600)))
        qFatal("export finish failed");
    return data;
}

inline AuditExportVerification verifyExport(QByteArray data, const AuditExportOptions &options = {})
{
    QBuffer buffer(&data);
    buffer.open(QIODevice::ReadOnly);
    return AuditExport::verify(&buffer, options);
}

} // namespace otter::testing
