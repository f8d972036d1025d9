// VerifyAuditChain's work: the stored chain checked batch by batch.
#include "backend/services/audit_chain_check.h"

#include "backend/storage/audit_queries.h"
#include "core/audit_chain.h"

namespace otter::backend {
namespace {

// Rows per read transaction: large enough to amortise the transaction, small enough that a long
// verification never pins one snapshot (and the WAL behind it) for long.
constexpr int BatchSize = 2000;

v1::AuditChainProblem toProblem(AuditProblem problem)
{
    switch (problem) {
    case AuditProblem::ContentChanged:
        return v1::AUDIT_CHAIN_PROBLEM_CONTENT_CHANGED;
    case AuditProblem::SequenceGap:
        return v1::AUDIT_CHAIN_PROBLEM_SEQUENCE_GAP;
    case AuditProblem::SequenceOutOfOrder:
        return v1::AUDIT_CHAIN_PROBLEM_SEQUENCE_OUT_OF_ORDER;
    case AuditProblem::LinkBroken:
        return v1::AUDIT_CHAIN_PROBLEM_LINK_BROKEN;
    default:
        return v1::AUDIT_CHAIN_PROBLEM_MALFORMED;
    }
}

QString shortHex(const QByteArray &hash)
{
    return QString::fromLatin1(hash.toHex().left(12)) + QStringLiteral("…");
}

// The verifier's sentence, plus both hashes when the content changed: what an investigator compares first.
QString describe(const AuditChainFailure &failure, const AuditEntry &bad)
{
    if (failure.problem != AuditProblem::ContentChanged)
        return failure.message;
    auto computed = AuditChain::computeHash(bad);
    if (!computed)
        return failure.message;
    return QStringLiteral("%1: stored hash %2 but the content hashes to %3")
        .arg(failure.message, shortHex(bad.hash), shortHex(*computed));
}

} // namespace

ApiStatus verifyStoredChain(Database &database, const StoredChainRange &range,
                            const std::function<ApiStatus()> &checkpoint,
                            v1::VerifyAuditChainResponse *response)
{
    struct Start
    {
        AuditHead head;
        std::optional<QByteArray> previousHash;
    };
    auto start = database.read([&](SqliteConnection &connection) -> Result<Start> {
        auto head = readAuditHead(connection);
        if (!head)
            return head.error();
        Start found{*head, std::nullopt};
        if (range.fromSeq > 1) {
            auto previous = readAuditHash(connection, range.fromSeq - 1);
            if (!previous)
                return previous.error();
            found.previousHash = *previous;
        }
        return found;
    });
    if (!start)
        return apiError(start.error());
    setChainHead(start->head, response->mutable_head());

    // A range that begins later links to the stored hash of the entry before it; if that entry is gone,
    // only the range's own consistency can be checked (and the seq it must start with).
    AuditChainStart chainStart = AuditChainStart::genesis();
    if (range.fromSeq > 1)
        chainStart = AuditChainStart{start->previousHash, range.fromSeq};
    AuditChainVerifier verifier(chainStart);

    AuditRange batch;
    batch.afterSeq = range.fromSeq - 1;
    batch.uptoSeq = range.toSeq == 0 ? start->head.seq : range.toSeq;
    std::optional<AuditEntry> bad;
    while (!verifier.failed() && batch.afterSeq < batch.uptoSeq) {
        if (auto stop = checkpoint())
            return stop;
        auto visited = database.read([&](SqliteConnection &connection) {
            return visitAuditRange(connection, batch, BatchSize, [&](const SqliteStatement &row) {
                AuditEntry entry = chainEntryFromRow(row);
                batch.afterSeq = entry.seq;
                if (verifier.add(entry))
                    return true;
                bad = std::move(entry);
                return false;
            });
        });
        if (!visited)
            return apiError(visited.error());
        if (*visited < BatchSize)
            break;
    }

    const AuditVerification &result = verifier.result();
    response->set_ok(result.ok());
    response->set_checked_entries(result.count + (result.ok() ? 0 : 1));
    if (result.failure) {
        response->set_first_bad_seq(result.failure->seq);
        response->set_problem(toProblem(result.failure->problem));
        response->set_detail((bad ? describe(*result.failure, *bad) : result.failure->message).toStdString());
    }
    return std::nullopt;
}

} // namespace otter::backend
