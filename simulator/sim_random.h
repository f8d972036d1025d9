// A tiny seeded generator per device (8 bytes of state, unlike std::mt19937's 2.5 KB): twenty thousand
// devices each draw their own faults, so a run repeats exactly whatever order the network answers in.
#pragma once

#include <QtGlobal>

namespace otter::sim {

class SimRandom
{
public:
    explicit SimRandom(quint64 seed = 0)
        : m_state(seed)
    {}

    // SplitMix64 (Steele, Lea, Flood 2014): good enough statistics for fault draws, one add and a mix.
    quint64 next()
    {
        quint64 z = (m_state += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    // Uniform in [0, 1).
    double uniform() { return double(next() >> 11) * (1.0 / 9007199254740992.0); }
    bool chance(double probability) { return probability > 0 && uniform() < probability; }
    // Uniform in [0, bound).
    quint64 below(quint64 bound) { return bound == 0 ? 0 : next() % bound; }

private:
    quint64 m_state;
};

} // namespace otter::sim
