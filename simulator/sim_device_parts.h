// Working memory of a SimDevice that exists only while a deployment is under way (lost at a power cut).
#pragma once

#include "simulator/sim_device.h"

namespace otter::sim {

struct SimDevice::Directive
{
    QByteArray manifest; // exactly as signed
    QList<BundleSignature> signatures;
    quint64 imageSize = 0; // hint only: the verified manifest decides
    quint32 chunkSize = 0;
};

// The image is never held: each chunk goes through the running hash and is forgotten, so a resumed
// stream continues hashing from the last good offset.
struct SimDevice::Download
{
    Sha256 hash;
    quint64 offset = 0;
    qint64 chunkIndex = 0;
    qint64 corruptChunk = -1; // index of the chunk that arrives with a flipped bit (-1: none)
    int attempts = 0;
    bool dropped = false;   // the device broke this stream itself (--drop)
    bool oversized = false; // the server sent more than the announced size
};

} // namespace otter::sim
