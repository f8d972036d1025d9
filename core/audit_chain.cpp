// The audit hash chain: canonical entry encoding, sealing new entries, and first-failure verification.
#include "core/audit_chain.h"

#include "core/audit_json.h"

#include <QtEndian>

#include <openssl/evp.h>

namespace otter {

namespace {

// Fetched once: an implicit fetch on every digest costs more than hashing a small entry.
const EVP_MD *sha256Digest()
{
    static const EVP_MD *const digest = [] {
        const EVP_MD *fetched = EVP_MD_fetch(nullptr, "SHA256", nullptr);
        return fetched ? fetched : EVP_sha256();
    }();
    return digest;
}

QByteArray sha256Of(const QByteArray &first, const QByteArray &second)
{
    QByteArray digest(kAuditHashSize, Qt::Uninitialized);
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    bool ok = ctx && EVP_DigestInit_ex(ctx, sha256Digest(), nullptr) == 1 &&
              EVP_DigestUpdate(ctx, first.constData(), size_t(first.size())) == 1 &&
              EVP_DigestUpdate(ctx, second.constData(), size_t(second.size())) == 1;
    unsigned int length = 0;
    ok = ok && EVP_DigestFinal_ex(ctx, reinterpret_cast<unsigned char *>(digest.data()), &length) == 1 &&
         length == unsigned(kAuditHashSize);
    EVP_MD_CTX_free(ctx);
    return ok ? digest : QByteArray();
}

void appendField(QByteArray &out, QByteArrayView bytes)
{
    char length[4];
    qToBigEndian(quint32(bytes.size()), length);
    out.append(length, 4);
    out.append(bytes);
}

Result<QByteArray> encodeText(const char *name, const QString &text)
{
    if (!isValidUnicode(text)) {
        return makeError(ErrorKind::InvalidInput,
                         QStringLiteral("%1 is not valid Unicode (it holds an unpaired surrogate)")
                             .arg(QLatin1String(name)));
    }
    QByteArray utf8 = text.toUtf8();
    if (utf8.size() > kAuditMaxTextBytes) {
        return makeError(ErrorKind::TooLarge, QStringLiteral("%1 is too long (%2 bytes; the limit is %3)")
                                                  .arg(QLatin1String(name))
                                                  .arg(utf8.size())
                                                  .arg(kAuditMaxTextBytes));
    }
    return utf8;
}

QString digits(int value, int width)
{
    return QStringLiteral("%1").arg(value, width, 10, QLatin1Char('0'));
}

} // namespace

QString AuditVerification::summary() const
{
    if (failure)
        return failure->message;
    const QString head = QString::fromLatin1(this->head.toHex());
    if (count == 0)
        return QStringLiteral("no entries to verify; chain head %1").arg(head);
    return QStringLiteral("%1 %2 verified (seq %3 to %4%5); chain head %6")
        .arg(count)
        .arg(count == 1 ? QStringLiteral("entry") : QStringLiteral("entries"))
        .arg(firstSeq)
        .arg(lastSeq)
        .arg(startsAtGenesis ? QStringLiteral(", from the start of the log") : QString())
        .arg(head);
}

Result<void> AuditVerification::toResult() const
{
    if (!failure)
        return {};
    switch (failure->problem) {
    case AuditProblem::ReadError:
        return makeError(ErrorKind::Io, failure->message);
    case AuditProblem::Malformed:
    case AuditProblem::MissingTrailer:
    case AuditProblem::DataAfterTrailer:
        return makeError(ErrorKind::InvalidInput, failure->message);
    case AuditProblem::ContentChanged:
    case AuditProblem::SequenceGap:
    case AuditProblem::SequenceOutOfOrder:
    case AuditProblem::LinkBroken:
    case AuditProblem::TrailerMismatch:
    case AuditProblem::HeadMismatch:
        break;
    }
    return makeError(ErrorKind::Tampered, failure->message);
}

Result<QByteArray> AuditChain::canonicalEncoding(const AuditEntry &entry, QByteArray *canonicalDetails)
{
    if (entry.seq < 0 || entry.seq > kAuditMaxSeq) {
        return makeError(ErrorKind::InvalidInput,
                         QStringLiteral("seq %1 is out of range (0 to %2)").arg(entry.seq).arg(kAuditMaxSeq));
    }
    const QString time = timeText(entry.time);
    if (time.isEmpty())
        return makeError(ErrorKind::InvalidInput,
                         QStringLiteral("time is missing or outside the years 1 to 9999"));
    auto actor = encodeText("actor", entry.actor);
    if (!actor)
        return actor.error();
    auto action = encodeText("action", entry.action);
    if (!action)
        return action.error();
    auto object = encodeText("object", entry.object);
    if (!object)
        return object.error();
    auto details = canonicalJsonObject(entry.detailsJson);
    if (!details)
        return makeError(details.error().kind, QStringLiteral("details: %1").arg(details.errorMessage()));
    if (details->size() > kAuditMaxDetailsBytes) {
        return makeError(ErrorKind::TooLarge,
                         QStringLiteral("details are too large (%1 bytes; the limit is %2)")
                             .arg(details->size())
                             .arg(kAuditMaxDetailsBytes));
    }

    QByteArray out;
    out.reserve(64 + actor->size() + action->size() + object->size() + details->size());
    appendField(out, QByteArrayView(kAuditEncodingVersion));
    appendField(out, QByteArray::number(entry.seq));
    appendField(out, time.toLatin1());
    appendField(out, *actor);
    appendField(out, *action);
    appendField(out, *object);
    appendField(out, *details);
    if (canonicalDetails)
        *canonicalDetails = std::move(*details);
    return out;
}

Result<QByteArray> AuditChain::computeHash(const AuditEntry &entry)
{
    if (entry.prevHash.size() != kAuditHashSize) {
        return makeError(ErrorKind::InvalidInput, QStringLiteral("previous hash is %1 bytes, expected %2")
                                                      .arg(entry.prevHash.size())
                                                      .arg(kAuditHashSize));
    }
    auto encoding = canonicalEncoding(entry);
    if (!encoding)
        return encoding.error();
    QByteArray digest = sha256Of(entry.prevHash, *encoding);
    if (digest.isEmpty())
        return makeError(ErrorKind::Internal, QStringLiteral("OpenSSL could not compute SHA-256"));
    return digest;
}

Result<void> AuditChain::seal(AuditEntry &entry, const QByteArray &prevHash)
{
    if (prevHash.size() != kAuditHashSize) {
        return makeError(ErrorKind::InvalidInput, QStringLiteral("previous hash is %1 bytes, expected %2")
                                                      .arg(prevHash.size())
                                                      .arg(kAuditHashSize));
    }
    AuditEntry sealed = entry;
    sealed.time = entry.time.toUTC();
    sealed.prevHash = prevHash;
    auto encoding = canonicalEncoding(sealed, &sealed.detailsJson);
    if (!encoding)
        return encoding.error();
    sealed.hash = sha256Of(prevHash, *encoding);
    if (sealed.hash.isEmpty())
        return makeError(ErrorKind::Internal, QStringLiteral("OpenSSL could not compute SHA-256"));
    entry = std::move(sealed);
    return {};
}

AuditVerification AuditChain::verify(std::span<const AuditEntry> entries, const AuditChainStart &start)
{
    AuditChainVerifier verifier(start);
    for (const AuditEntry &entry : entries) {
        if (!verifier.add(entry))
            break;
    }
    return verifier.result();
}

AuditVerification AuditChain::verify(const QList<AuditEntry> &entries, const AuditChainStart &start)
{
    return verify(std::span<const AuditEntry>(entries.constData(), size_t(entries.size())), start);
}

QString AuditChain::timeText(const QDateTime &time)
{
    if (!time.isValid())
        return {};
    const QDateTime utc = time.toUTC();
    const QDate date = utc.date();
    const QTime clock = utc.time();
    if (date.year() < 1 || date.year() > 9999)
        return {};
    return QStringLiteral("%1-%2-%3T%4:%5:%6.%7Z")
        .arg(digits(date.year(), 4), digits(date.month(), 2), digits(date.day(), 2), digits(clock.hour(), 2),
             digits(clock.minute(), 2), digits(clock.second(), 2), digits(clock.msec(), 3));
}

Result<QDateTime> AuditChain::parseTimeText(QStringView text)
{
    const auto invalid = [&] {
        return makeError(ErrorKind::InvalidInput,
                         QStringLiteral("time \"%1\" is not of the form YYYY-MM-DDTHH:MM:SS.mmmZ").arg(text));
    };
    // Position of every separator; all other positions must be ASCII digits.
    static constexpr char pattern[] = "dddd-dd-ddTdd:dd:dd.dddZ";
    if (text.size() != qsizetype(sizeof pattern - 1))
        return invalid();
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t c = text[i].unicode();
        if (pattern[i] == 'd' ? (c < u'0' || c > u'9') : c != char16_t(pattern[i]))
            return invalid();
    }
    const auto number = [&](qsizetype from, qsizetype length) { return text.mid(from, length).toInt(); };
    const QDate date(number(0, 4), number(5, 2), number(8, 2));
    const QTime clock(number(11, 2), number(14, 2), number(17, 2), number(20, 3));
    if (!date.isValid() || !clock.isValid() || date.year() < 1)
        return invalid();
    return QDateTime(date, clock, Qt::UTC);
}

AuditChainVerifier::AuditChainVerifier(const AuditChainStart &start)
    : m_start(start)
{
    m_result.head = start.prevHash.value_or(QByteArray());
}

void AuditChainVerifier::failEntry(AuditProblem problem, const AuditEntry &entry, const QString &reason,
                                   qint64 line)
{
    AuditChainFailure failure;
    failure.problem = problem;
    failure.index = m_index;
    failure.seq = entry.seq;
    failure.line = line;
    const std::optional<qint64> expected = expectedSeq();
    failure.expectedSeq = expected.value_or(-1);

    QString name = QStringLiteral("entry %1").arg(entry.seq);
    const bool aboutSequence =
        problem == AuditProblem::SequenceGap || problem == AuditProblem::SequenceOutOfOrder;
    // A changed seq would otherwise send the operator looking for the wrong entry.
    if (expected && *expected != entry.seq && !aboutSequence)
        name += QStringLiteral(" (at the position of entry %1)").arg(*expected);
    failure.message =
        (line > 0 ? QStringLiteral("line %1: ").arg(line) : QString()) + name + QStringLiteral(": ") + reason;
    m_result.failure = std::move(failure);
}

void AuditChainVerifier::fail(AuditProblem problem, const QString &message, qint64 line, qint64 index)
{
    if (failed())
        return;
    AuditChainFailure failure;
    failure.problem = problem;
    failure.line = line;
    failure.index = index;
    failure.message = (line > 0 ? QStringLiteral("line %1: ").arg(line) : QString()) + message;
    m_result.failure = std::move(failure);
}

std::optional<qint64> AuditChainVerifier::expectedSeq() const
{
    return m_index == 0 ? m_start.seq : std::optional(m_result.lastSeq + 1);
}

bool AuditChainVerifier::add(const AuditEntry &entry, qint64 line)
{
    if (failed())
        return false;

    if (entry.hash.size() != kAuditHashSize) {
        failEntry(AuditProblem::Malformed, entry,
                  QStringLiteral("stored hash is %1 bytes, expected %2 (the entry was changed or damaged)")
                      .arg(entry.hash.size())
                      .arg(kAuditHashSize),
                  line);
        return false;
    }
    const auto computed = AuditChain::computeHash(entry);
    if (!computed) {
        failEntry(AuditProblem::Malformed, entry,
                  QStringLiteral("cannot be checked: %1 (the entry was changed or damaged)")
                      .arg(computed.errorMessage()),
                  line);
        return false;
    }
    if (*computed != entry.hash) {
        failEntry(AuditProblem::ContentChanged, entry,
                  QStringLiteral("hash does not match its contents (the entry was changed)"), line);
        return false;
    }

    const std::optional<qint64> wantedSeq = expectedSeq();
    if (wantedSeq && entry.seq > *wantedSeq) {
        failEntry(AuditProblem::SequenceGap, entry,
                  QStringLiteral("sequence gap: expected %1, found %2 (entries were removed or reordered)")
                      .arg(*wantedSeq)
                      .arg(entry.seq),
                  line);
        return false;
    }
    if (wantedSeq && entry.seq < *wantedSeq) {
        failEntry(AuditProblem::SequenceOutOfOrder, entry,
                  QStringLiteral("sequence out of order: expected %1, found %2 "
                                 "(entries were duplicated or reordered)")
                      .arg(*wantedSeq)
                      .arg(entry.seq),
                  line);
        return false;
    }

    const std::optional<QByteArray> expectedPrev =
        m_index == 0 ? m_start.prevHash : std::optional(m_result.head);
    if (expectedPrev && entry.prevHash != *expectedPrev) {
        failEntry(AuditProblem::LinkBroken, entry,
                  m_index == 0
                      ? QStringLiteral("previous-hash link broken (it does not continue from the expected "
                                       "start of the chain: earlier entries were changed or removed)")
                      : QStringLiteral("previous-hash link broken (an entry before it was changed, "
                                       "removed or reordered)"),
                  line);
        return false;
    }

    if (m_index == 0) {
        m_result.firstSeq = entry.seq;
        m_result.startsAtGenesis = entry.seq == 1 && entry.prevHash == AuditChain::genesisPrevHash();
    }
    ++m_index;
    ++m_result.count;
    m_result.lastSeq = entry.seq;
    m_result.head = entry.hash;
    return true;
}

} // namespace otter
