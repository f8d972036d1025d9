// The JSON Lines audit export: writing it, reading it back, and verifying a whole export as a stream.
#include "core/audit_export.h"

#include "core/audit_json.h"

#include <QIODevice>

#include <algorithm>
#include <initializer_list>

namespace otter {

namespace {

Error lineError(const QString &message)
{
    return makeError(ErrorKind::InvalidInput, message);
}

// Every field must be known and present: fields outside the hashes must not be able to add meaning.
Result<void> checkFields(const AuditJsonValue &object, std::initializer_list<QStringView> expected)
{
    for (const QString &key : object.keys()) {
        if (std::find(expected.begin(), expected.end(), QStringView(key)) == expected.end())
            return lineError(QStringLiteral("unknown field \"%1\"").arg(key));
    }
    for (QStringView key : expected) {
        if (!object.member(key))
            return lineError(QStringLiteral("missing field \"%1\"").arg(key));
    }
    return {};
}

Result<QString> stringField(const AuditJsonValue &object, QStringView key)
{
    const AuditJsonValue *value = object.member(key);
    if (value->type() != AuditJsonValue::Type::String)
        return lineError(QStringLiteral("field \"%1\" must be a string").arg(key));
    return value->string();
}

Result<qint64> integerField(const AuditJsonValue &object, QStringView key)
{
    const AuditJsonValue *value = object.member(key);
    if (value->type() != AuditJsonValue::Type::Number || !value->integer() || *value->integer() < 0)
        return lineError(QStringLiteral("field \"%1\" must be a non-negative integer").arg(key));
    return *value->integer();
}

Result<QByteArray> hashField(const AuditJsonValue &object, QStringView key)
{
    auto text = stringField(object, key);
    if (!text)
        return text.error();
    const bool lowerHex =
        text->size() == kAuditHashSize * 2 && std::all_of(text->begin(), text->end(), [](QChar c) {
            return (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f');
        });
    if (!lowerHex)
        return lineError(QStringLiteral("field \"%1\" must be 64 lower-case hex digits").arg(key));
    return QByteArray::fromHex(text->toLatin1());
}

Result<QDateTime> timeField(const AuditJsonValue &object, QStringView key)
{
    auto text = stringField(object, key);
    if (!text)
        return text.error();
    auto time = AuditChain::parseTimeText(*text);
    if (!time)
        return lineError(QStringLiteral("field \"%1\": %2").arg(key, time.errorMessage()));
    return time;
}

Result<AuditEntry> entryFromJson(const AuditJsonValue &object)
{
    if (!object.isObject())
        return lineError(QStringLiteral("expected a JSON object"));
    if (auto fields = checkFields(
            object, {u"action", u"actor", u"details", u"hash", u"object", u"prev_hash", u"seq", u"time"});
        !fields) {
        return fields.error();
    }
    AuditEntry entry;
    auto seq = integerField(object, u"seq");
    if (!seq)
        return seq.error();
    entry.seq = *seq;
    auto time = timeField(object, u"time");
    if (!time)
        return time.error();
    entry.time = *time;
    for (auto [key, target] : {std::pair{u"actor", &entry.actor}, std::pair{u"action", &entry.action},
                               std::pair{u"object", &entry.object}}) {
        auto text = stringField(object, key);
        if (!text)
            return text.error();
        *target = *text;
    }
    const AuditJsonValue *details = object.member(u"details");
    if (!details->isObject())
        return lineError(QStringLiteral("field \"details\" must be a JSON object"));
    entry.detailsJson = details->canonical();
    auto prevHash = hashField(object, u"prev_hash");
    if (!prevHash)
        return prevHash.error();
    entry.prevHash = *prevHash;
    auto hash = hashField(object, u"hash");
    if (!hash)
        return hash.error();
    entry.hash = *hash;
    return entry;
}

Result<AuditExportTrailer> trailerFromJson(const AuditJsonValue &object)
{
    if (!object.isObject())
        return lineError(QStringLiteral("expected a JSON object"));
    if (auto fields = checkFields(object, {u"chain_head", u"count", u"exported_at", u"format", u"synced_at"});
        !fields) {
        return fields.error();
    }
    auto format = stringField(object, u"format");
    if (!format)
        return format.error();
    if (*format != QLatin1String(kAuditExportFormat)) {
        return lineError(QStringLiteral("unsupported export format \"%1\" (this program reads \"%2\")")
                             .arg(*format, QLatin1String(kAuditExportFormat)));
    }
    AuditExportTrailer trailer;
    auto head = hashField(object, u"chain_head");
    if (!head)
        return head.error();
    trailer.chainHead = *head;
    auto count = integerField(object, u"count");
    if (!count)
        return count.error();
    trailer.count = *count;
    auto exportedAt = timeField(object, u"exported_at");
    if (!exportedAt)
        return exportedAt.error();
    trailer.exportedAt = *exportedAt;
    auto syncedAt = timeField(object, u"synced_at");
    if (!syncedAt)
        return syncedAt.error();
    trailer.syncedAt = *syncedAt;
    return trailer;
}

QByteArrayView withoutNewline(QByteArrayView line)
{
    if (line.endsWith('\n'))
        line.chop(1);
    if (line.endsWith('\r'))
        line.chop(1);
    return line;
}

QString shortHex(const QByteArray &hash)
{
    return QString::fromLatin1(hash.toHex().left(16)) + QStringLiteral("…");
}

} // namespace

QString AuditExportVerification::summary() const
{
    QString text = chain.summary();
    if (ok() && trailer) {
        text += QStringLiteral("; exported %1 from data synced %2")
                    .arg(AuditChain::timeText(trailer->exportedAt), AuditChain::timeText(trailer->syncedAt));
    }
    return text;
}

Result<QByteArray> AuditExport::toJsonLine(const AuditEntry &entry)
{
    // The canonical encoding checks every limit the reader will check.
    QByteArray details;
    if (auto encoding = AuditChain::canonicalEncoding(entry, &details); !encoding)
        return makeError(encoding.error().kind,
                         QStringLiteral("entry %1: %2").arg(entry.seq).arg(encoding.errorMessage()));
    if (entry.prevHash.size() != kAuditHashSize || entry.hash.size() != kAuditHashSize) {
        return makeError(
            ErrorKind::InvalidInput,
            QStringLiteral("entry %1: hashes must be %2 bytes").arg(entry.seq).arg(kAuditHashSize));
    }

    // Members in RFC 8785 order, so that the line is itself canonical JSON.
    QByteArray line;
    line.reserve(256 + details.size());
    line += "{\"action\":";
    line += canonicalJsonString(entry.action);
    line += ",\"actor\":";
    line += canonicalJsonString(entry.actor);
    line += ",\"details\":";
    line += details;
    line += ",\"hash\":\"";
    line += entry.hash.toHex();
    line += "\",\"object\":";
    line += canonicalJsonString(entry.object);
    line += ",\"prev_hash\":\"";
    line += entry.prevHash.toHex();
    line += "\",\"seq\":";
    line += QByteArray::number(entry.seq);
    line += ",\"time\":\"";
    line += AuditChain::timeText(entry.time).toLatin1();
    line += "\"}";
    return line;
}

Result<AuditEntry> AuditExport::fromJsonLine(QByteArrayView line)
{
    auto parsed = AuditJsonValue::parse(withoutNewline(line));
    if (!parsed)
        return parsed.error();
    return entryFromJson(*parsed);
}

Result<QByteArray> AuditExport::trailerLine(const AuditExportTrailer &trailer)
{
    const QString exportedAt = AuditChain::timeText(trailer.exportedAt);
    const QString syncedAt = AuditChain::timeText(trailer.syncedAt);
    if (trailer.chainHead.size() != kAuditHashSize || trailer.count < 0 || exportedAt.isEmpty() ||
        syncedAt.isEmpty()) {
        return makeError(
            ErrorKind::InvalidInput,
            QStringLiteral("export trailer needs a 32-byte chain head, a count and valid times"));
    }
    QByteArray line;
    line += "{\"chain_head\":\"";
    line += trailer.chainHead.toHex();
    line += "\",\"count\":";
    line += QByteArray::number(trailer.count);
    line += ",\"exported_at\":\"";
    line += exportedAt.toLatin1();
    line += "\",\"format\":\"";
    line += kAuditExportFormat;
    line += "\",\"synced_at\":\"";
    line += syncedAt.toLatin1();
    line += "\"}";
    return line;
}

Result<AuditExportTrailer> AuditExport::fromTrailerLine(QByteArrayView line)
{
    auto parsed = AuditJsonValue::parse(withoutNewline(line));
    if (!parsed)
        return parsed.error();
    return trailerFromJson(*parsed);
}

AuditExportVerification AuditExport::verify(QIODevice *device, const AuditExportOptions &options)
{
    AuditChainVerifier verifier(options.start);
    AuditExportVerification out;
    qint64 lineNumber = 0;
    const auto finish = [&] {
        out.chain = verifier.result();
        return out;
    };

    if (!device || !device->isReadable()) {
        verifier.fail(AuditProblem::ReadError, QStringLiteral("the export cannot be read (it is not open)"));
        return finish();
    }

    // One buffer for every line: allocating the line limit afresh per line would dominate the run time.
    // One byte over the limit tells a long line from one that ends exactly at it, plus one for the NUL
    // that QIODevice::readLine() appends.
    QByteArray buffer(kAuditExportMaxLineBytes + 3, Qt::Uninitialized);
    for (;;) {
        // Reading until an empty read, rather than testing atEnd() first, also serves pipes such as stdin,
        // which only know their end once a read finds it.
        const qint64 length = device->readLine(buffer.data(), buffer.size());
        if (length <= 0) {
            if (device->atEnd())
                break;
            verifier.fail(AuditProblem::ReadError,
                          QStringLiteral("cannot read the export: %1").arg(device->errorString()),
                          lineNumber + 1);
            return finish();
        }
        ++lineNumber;
        const QByteArrayView raw(buffer.constData(), length);
        if (raw.size() > kAuditExportMaxLineBytes + 1 || (!raw.endsWith('\n') && !device->atEnd())) {
            verifier.fail(AuditProblem::ReadError,
                          QStringLiteral("line is longer than %1 bytes (the export was damaged)")
                              .arg(kAuditExportMaxLineBytes),
                          lineNumber);
            return finish();
        }
        if (out.trailer) {
            verifier.fail(AuditProblem::DataAfterTrailer,
                          QStringLiteral("data after the trailer line (lines were appended to the export)"),
                          lineNumber);
            return finish();
        }
        const QByteArrayView line = withoutNewline(raw);
        const QString expected = verifier.expectedSeq()
                                     ? QStringLiteral("entry %1").arg(*verifier.expectedSeq())
                                     : QStringLiteral("an entry");
        if (line.trimmed().isEmpty()) {
            verifier.fail(AuditProblem::Malformed,
                          QStringLiteral("empty line where %1 should be (the export was edited or damaged)")
                              .arg(expected),
                          lineNumber, verifier.nextIndex());
            return finish();
        }
        auto parsed = AuditJsonValue::parse(line);
        if (!parsed && !raw.endsWith('\n') && device->atEnd()) {
            // A prefix of a line is never a whole JSON object: the file stops where it was cut.
            verifier.fail(
                AuditProblem::MissingTrailer,
                QStringLiteral("the export ends in the middle of this line (the file was truncated)"),
                lineNumber, verifier.nextIndex());
            return finish();
        }
        if (parsed && parsed->isObject() && parsed->member(u"format")) {
            auto trailer = trailerFromJson(*parsed);
            if (!trailer) {
                verifier.fail(AuditProblem::Malformed,
                              QStringLiteral("trailer cannot be read: %1 (the export was edited or damaged)")
                                  .arg(trailer.errorMessage()),
                              lineNumber);
                return finish();
            }
            out.trailer = *trailer;
            continue;
        }
        auto entry = parsed ? entryFromJson(*parsed) : Result<AuditEntry>(parsed.error());
        if (!entry) {
            verifier.fail(AuditProblem::Malformed,
                          QStringLiteral("cannot be read as %1: %2 (the export was edited or damaged)")
                              .arg(expected, entry.errorMessage()),
                          lineNumber, verifier.nextIndex());
            return finish();
        }
        if (!verifier.add(*entry, lineNumber))
            return finish();
    }

    const AuditVerification &chain = verifier.result();
    if (!out.trailer) {
        verifier.fail(AuditProblem::MissingTrailer,
                      lineNumber == 0
                          ? QStringLiteral("the export is empty: not even its trailer line is there")
                          : QStringLiteral("the export ends after line %1 without its trailer line "
                                           "(the file was truncated)")
                                .arg(lineNumber));
        return finish();
    }
    if (out.trailer->count != chain.count) {
        verifier.fail(AuditProblem::TrailerMismatch,
                      QStringLiteral("the trailer says %1 entries but the export holds %2 "
                                     "(entries were removed or added)")
                          .arg(out.trailer->count)
                          .arg(chain.count),
                      lineNumber);
        return finish();
    }
    // With no entries and no fixed start there is nothing the trailer's head could be checked against.
    if (!chain.head.isEmpty() && out.trailer->chainHead != chain.head) {
        verifier.fail(AuditProblem::TrailerMismatch,
                      QStringLiteral("the trailer's chain head %1 is not the last entry's hash %2 "
                                     "(the trailer or the last entry was changed)")
                          .arg(shortHex(out.trailer->chainHead), shortHex(chain.head)),
                      lineNumber);
        return finish();
    }
    if (options.expectedHead && *options.expectedHead != out.trailer->chainHead) {
        verifier.fail(
            AuditProblem::HeadMismatch,
            QStringLiteral("the chain head %1 is not the expected %2 (entries were removed or added "
                           "at the end, or this is an export of another log)")
                .arg(shortHex(out.trailer->chainHead), shortHex(*options.expectedHead)));
        return finish();
    }
    return finish();
}

AuditExportWriter::AuditExportWriter(QIODevice *device, const QByteArray &startPrevHash)
    : m_device(device)
    , m_head(startPrevHash)
{}

Result<void> AuditExportWriter::writeLine(const QByteArray &line)
{
    const QByteArray withNewline = line + '\n';
    if (!m_device || m_device->write(withNewline) != withNewline.size()) {
        return makeError(ErrorKind::Io,
                         QStringLiteral("cannot write the audit export: %1")
                             .arg(m_device ? m_device->errorString() : QStringLiteral("no device")));
    }
    return {};
}

Result<void> AuditExportWriter::write(const AuditEntry &entry)
{
    auto line = AuditExport::toJsonLine(entry);
    if (!line)
        return line.error();
    if (auto written = writeLine(*line); !written)
        return written;
    ++m_count;
    m_head = entry.hash;
    return {};
}

Result<void> AuditExportWriter::finish(const QDateTime &exportedAt, const QDateTime &syncedAt)
{
    auto line = AuditExport::trailerLine({m_head, m_count, exportedAt, syncedAt});
    if (!line)
        return line.error();
    return writeLine(*line);
}

} // namespace otter
