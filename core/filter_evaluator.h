// FilterEvaluator: decides whether one device matches a parsed filter tree, in memory.
#pragma once

#include "core/device_record.h"
#include "core/filter_ast.h"

namespace otter {

class FilterEvaluator
{
public:
    // Two-valued logic throughout: a missing label is absent, so ==, in and ~ are false for it and
    // !=, not in are true; 'not' is plain negation. The SQL compiler reproduces exactly this.
    // Does not allocate, except when comparing two strings that are both not versions.
    static bool matches(const FilterNode &node, const DeviceRecord &device);
};

} // namespace otter
