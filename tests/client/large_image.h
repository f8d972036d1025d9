// Test helper: a large image with a deterministic pattern, written block by block (never held in memory),
// and the process's peak resident memory as Linux reports it.
#pragma once

#include <QFile>
#include <QtEndian>

namespace otter::test {

// Every 1 MiB block holds its own index in every 8-byte word, so no two blocks are alike.
inline bool writePatternFile(const QString &path, qint64 size)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    QByteArray block(1 << 20, Qt::Uninitialized);
    for (qint64 done = 0, index = 0; done < size; ++index) {
        for (qsizetype at = 0; at + 8 <= block.size(); at += 8)
            qToLittleEndian<quint64>(quint64(index * 0x9E3779B97F4A7C15ull + quint64(at)), block.data() + at);
        const qint64 n = qMin<qint64>(block.size(), size - done);
        if (file.write(block.constData(), n) != n)
            return false;
        done += n;
    }
    return file.flush();
}

// VmHWM from /proc/self/status, in bytes; -1 when it cannot be read.
inline qint64 peakResidentBytes()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (!line.startsWith("VmHWM:"))
            continue;
        QByteArray value = line.mid(6).trimmed();
        value.chop(2); // " kB"
        return value.trimmed().toLongLong() * 1024;
    }
    return -1;
}

} // namespace otter::test
