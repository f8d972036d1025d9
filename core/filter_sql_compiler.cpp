// SQL generation for filter trees. Every leaf is two-valued (never NULL) so that NOT means what the
// evaluator's 'not' means: a missing label (json_extract gives NULL) is handled with IS / IFNULL.
#include "core/filter_sql_compiler.h"

#include "core/filter_glob.h"
#include "core/semver.h"

namespace otter {

namespace {

class Compiler
{
public:
    explicit Compiler(const FilterSqlColumns &columns)
        : m_columns(columns)
    {}

    void node(const FilterNode &n)
    {
        switch (n.kind) {
        case FilterNode::Kind::And:
        case FilterNode::Kind::Or: {
            const QLatin1String joiner(n.kind == FilterNode::Kind::And ? " AND " : " OR ");
            m_out.sql += u'(';
            for (std::size_t i = 0; i < n.children.size(); ++i) {
                if (i > 0)
                    m_out.sql += joiner;
                node(*n.children[i]);
            }
            m_out.sql += u')';
            return;
        }
        case FilterNode::Kind::Not:
            m_out.sql += QLatin1String("NOT (");
            node(*n.children.front());
            m_out.sql += u')';
            return;
        case FilterNode::Kind::Condition:
            if (n.field == FilterField::Label)
                label(n);
            else
                column(n);
            return;
        }
    }

    SqlFragment take() { return std::move(m_out); }

private:
    QString placeholder(const QVariant &value)
    {
        m_out.params.append(value);
        return QStringLiteral("?");
    }

    // Qt binds a null QString as SQL NULL, which would turn == "" into a comparison that is never true.
    QString placeholder(const QString &text)
    {
        return placeholder(QVariant(text.isNull() ? QStringLiteral("") : text));
    }

    // "(?, ?, ?)" binding every value of an in / not in list; versions are bound as their sort keys.
    QString list(const FilterNode &n, bool versionKeys)
    {
        QStringList marks;
        if (!n.texts.isEmpty()) {
            for (const QString &text : n.texts)
                marks.append(placeholder(versionKeys ? semverSortKey(text) : text));
        } else {
            for (qint64 number : n.numbers)
                marks.append(placeholder(QVariant(number)));
        }
        return u'(' + marks.join(QStringLiteral(", ")) + u')';
    }

    QString columnName(FilterField field) const
    {
        switch (field) {
        case FilterField::Id:
            return m_columns.id;
        case FilterField::HardwareClass:
            return m_columns.hardwareClass;
        case FilterField::Region:
            return m_columns.region;
        case FilterField::Version:
            return m_columns.versionKey; // ordering and equality go by precedence
        case FilterField::SecurityVersion:
            return m_columns.securityVersion;
        case FilterField::Bank:
            return m_columns.bank;
        case FilterField::State:
            return m_columns.state;
        case FilterField::Busy:
            return m_columns.busy;
        case FilterField::Label:
            break;
        }
        return m_columns.labels;
    }

    QString value(const FilterNode &n)
    {
        if (!n.texts.isEmpty())
            return placeholder(n.field == FilterField::Version ? semverSortKey(n.texts.front())
                                                               : n.texts.front());
        return placeholder(QVariant(n.numbers.front()));
    }

    void column(const FilterNode &n)
    {
        const bool isVersion = n.field == FilterField::Version;
        const QString name = columnName(n.field);
        QString &sql = m_out.sql;
        switch (n.op) {
        case FilterOp::Equal:
            sql += name + QLatin1String(" = ") + value(n);
            return;
        case FilterOp::NotEqual:
            sql += name + QLatin1String(" <> ") + value(n);
            return;
        case FilterOp::Less:
            sql += name + QLatin1String(" < ") + value(n);
            return;
        case FilterOp::LessEqual:
            sql += name + QLatin1String(" <= ") + value(n);
            return;
        case FilterOp::Greater:
            sql += name + QLatin1String(" > ") + value(n);
            return;
        case FilterOp::GreaterEqual:
            sql += name + QLatin1String(" >= ") + value(n);
            return;
        case FilterOp::In:
            sql += name + QLatin1String(" IN ") + list(n, isVersion);
            return;
        case FilterOp::NotIn:
            sql += name + QLatin1String(" NOT IN ") + list(n, isVersion);
            return;
        case FilterOp::Glob: {
            // A glob looks at the text as reported, not at the precedence key.
            const QString text = isVersion ? m_columns.version : name;
            sql += text + QLatin1String(" GLOB ") + placeholder(FilterGlob::toSqliteGlob(n.texts.front()));
            return;
        }
        case FilterOp::Has:
            break; // labels only
        }
        sql += QLatin1String("0");
    }

    void label(const FilterNode &n)
    {
        // The key is bound too: it is user text even though the parser restricts its characters.
        const QString path = QStringLiteral("$.\"%1\"").arg(n.labelKey);
        const QString extract = QLatin1String("json_extract(") + m_columns.labels + QLatin1String(", ") +
                                placeholder(path) + u')';
        QString &sql = m_out.sql;
        switch (n.op) {
        case FilterOp::Has:
            sql += extract + QLatin1String(" IS NOT NULL");
            return;
        case FilterOp::Equal:
            sql += extract + QLatin1String(" IS ") + placeholder(n.texts.front());
            return;
        case FilterOp::NotEqual:
            sql += extract + QLatin1String(" IS NOT ") + placeholder(n.texts.front());
            return;
        case FilterOp::In:
            sql += QLatin1String("IFNULL(") + extract + QLatin1String(" IN ") + list(n, false) +
                   QLatin1String(", 0)");
            return;
        case FilterOp::NotIn:
            sql += QLatin1String("NOT IFNULL(") + extract + QLatin1String(" IN ") + list(n, false) +
                   QLatin1String(", 0)");
            return;
        case FilterOp::Glob:
            sql += QLatin1String("IFNULL(") + extract + QLatin1String(" GLOB ") +
                   placeholder(FilterGlob::toSqliteGlob(n.texts.front())) + QLatin1String(", 0)");
            return;
        default:
            break; // the parser allows no ordering on labels
        }
        sql += QLatin1String("0");
    }

    const FilterSqlColumns &m_columns;
    SqlFragment m_out;
};

} // namespace

SqlFragment FilterSqlCompiler::compile(const FilterNode *root, const FilterSqlColumns &columns)
{
    if (!root)
        return SqlFragment{QStringLiteral("1 = 1"), {}};
    Compiler compiler(columns);
    compiler.node(*root);
    return compiler.take();
}

} // namespace otter
