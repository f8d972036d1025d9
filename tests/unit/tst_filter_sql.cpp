// Proves the SQL compiled from a filter selects exactly the devices the in-memory evaluator matches,
// by running it against a real in-memory SQLite table of generated devices.
#include "core/filter_expression.h"
#include "core/semver.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace otter;
using namespace Qt::StringLiterals;

class TestFilterSql : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void sqlAgreesWithEvaluator_data();
    void sqlAgreesWithEvaluator();
    void randomExpressionsAgree();
    void valuesAreNeverSplicedIntoSql();
    void qualifiedColumnNames();
    void emptyFilterKeepsEveryRow();

private:
    QStringList selectIds(const SqlFragment &where, const QString &from = u"devices"_s);
    QStringList evaluateIds(const FilterExpression &filter) const;
    void checkAgreement(const QString &expression);

    QSqlDatabase m_db;
    QList<DeviceRecord> m_devices;
};

namespace {

// Pools chosen to hit the corners: semver ordering, non-versions, glob metacharacters in data, Unicode,
// empty strings, labels that are missing, empty or hold quotes and backslashes.
const QStringList versionPool = {u"1.9.0"_s,    u"1.10.0"_s,     u"2.0.5"_s,      u"2.1.0"_s,
                                 u"2.1"_s,      u"2.1.0-rc.1"_s, u"2.1.0-rc.2"_s, u"2.1.0-alpha"_s,
                                 u"2.1.0+b7"_s, u"v2.0.0"_s,     u"unknown"_s,    QString(),
                                 u"1.0.0-0"_s,  u"10.0.0"_s,     u"ünï"_s,        u"1.0.0-alpha.1"_s};
const QStringList classPool = {u"gw-200"_s, u"gw-100"_s, u"sensor-10"_s, u"gw-2000"_s,
                               u"GW-200"_s, u"gw[1]"_s,  QString()};
const QStringList regionPool = {u"eu-west"_s, u"eu-north"_s, u"us-east"_s, QString()};
const QStringList statePool = {u"idle"_s, u"updating"_s, u"failed"_s, QString()};
const QStringList labelKeyPool = {u"ring"_s, u"site"_s, u"a.b"_s, u"tag"_s, u"x-y"_s};
const QStringList labelValuePool = {u"canary"_s,     u"stable"_s,   QString(), u"x*y"_s,
                                    u"[beta]"_s,     u"café"_s,     u"caf?"_s, u"ä😀"_s,
                                    u"say \"hi\""_s, u"c:\\path"_s, u"5"_s};
const QStringList textValuePool = classPool + regionPool + statePool + labelValuePool;
const QStringList globPool = {u"gw-*"_s,  u"*-10"_s, u"?w-*"_s, u"*"_s,    u"gw[1]"_s, u"gw[*"_s,
                              u"*[*]*"_s, u"caf?"_s, u"*?"_s,   QString(), u"??"_s,    u"2.1*"_s,
                              u"*rc*"_s,  u"ä?"_s,   u"*\"*"_s, u"*\\*"_s};

QString quoted(const QString &text)
{
    QString out = u"\""_s;
    for (QChar c : text) {
        if (c == u'"' || c == u'\\')
            out += u'\\';
        out += c;
    }
    return out + u'"';
}

template<typename T>
const T &pick(QRandomGenerator &rng, const QList<T> &pool)
{
    return pool.at(rng.bounded(int(pool.size())));
}

QString textList(QRandomGenerator &rng, const QStringList &pool)
{
    QStringList values;
    const int count = 1 + rng.bounded(3);
    for (int i = 0; i < count; ++i)
        values.append(quoted(pick(rng, pool)));
    return u'[' + values.join(u", "_s) + u']';
}

QString randomCondition(QRandomGenerator &rng)
{
    static const QStringList equality = {u"=="_s, u"!="_s};
    static const QStringList ordering = {u"=="_s, u"!="_s, u"<"_s, u"<="_s, u">"_s, u">="_s};
    static const QStringList textFields = {u"id"_s, u"class"_s, u"region"_s, u"state"_s};
    static const QStringList validVersions = {u"1.9.0"_s,       u"1.10"_s,   u"2.1.0"_s,   u"2.1.0-rc.1"_s,
                                              u"2.1.0-alpha"_s, u"v2.0.0"_s, u"1.0.0-0"_s, u"2"_s};
    const QString label = u"label."_s + pick(rng, labelKeyPool);
    switch (rng.bounded(12)) {
    case 0:
    case 1: {
        const QString field = rng.bounded(2) ? pick(rng, textFields) : label;
        switch (rng.bounded(4)) {
        case 0:
            return field + u' ' + pick(rng, equality) + u' ' + quoted(pick(rng, textValuePool));
        case 1:
            return field + (rng.bounded(2) ? u" in "_s : u" not in "_s) + textList(rng, textValuePool);
        default:
            return field + u" ~ "_s + quoted(pick(rng, globPool));
        }
    }
    case 2:
        return label + u' ' + pick(rng, equality) + u' ' + quoted(pick(rng, labelValuePool));
    case 3:
        return u"has "_s + label;
    case 4:
    case 5:
        return u"version "_s + pick(rng, ordering) + u' ' + quoted(pick(rng, validVersions));
    case 6:
        if (rng.bounded(2))
            return u"version "_s + pick(rng, equality) + u' ' + quoted(pick(rng, versionPool));
        return u"version "_s + (rng.bounded(2) ? u"in "_s : u"not in "_s) + textList(rng, versionPool);
    case 7:
        return u"version ~ "_s + quoted(pick(rng, globPool));
    case 8:
        if (rng.bounded(3) == 0)
            return u"svn in [%1, %2]"_s.arg(rng.bounded(-1, 11)).arg(rng.bounded(-1, 11));
        return (rng.bounded(2) ? u"svn "_s : u"security_version "_s) + pick(rng, ordering) + u' ' +
               QString::number(rng.bounded(-1, 11));
    case 9:
        return u"bank "_s + pick(rng, equality) + (rng.bounded(2) ? u" \"A\""_s : u" \"B\""_s);
    case 10:
        return rng.bounded(2)
                   ? u"busy"_s
                   : u"busy "_s + pick(rng, equality) + (rng.bounded(2) ? u" true"_s : u" false"_s);
    default:
        return u"class ~ "_s + quoted(pick(rng, globPool));
    }
}

QString randomExpression(QRandomGenerator &rng, int depth)
{
    if (depth == 0 || rng.bounded(10) < 3)
        return randomCondition(rng);
    switch (rng.bounded(4)) {
    case 0:
        return u"not "_s + randomExpression(rng, depth - 1);
    case 1:
        return u'(' + randomExpression(rng, depth - 1) + u')';
    default: {
        // Without parentheses, so the parser's precedence is exercised on both sides alike.
        QStringList parts;
        const int count = 2 + rng.bounded(2);
        for (int i = 0; i < count; ++i)
            parts.append(randomExpression(rng, depth - 1));
        return parts.join(rng.bounded(2) ? u" and "_s : u" or "_s);
    }
    }
}

} // namespace

void TestFilterSql::initTestCase()
{
    m_db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"filter-sql-test"_s);
    m_db.setDatabaseName(u":memory:"_s);
    QVERIFY2(m_db.open(), qPrintable(m_db.lastError().text()));

    QSqlQuery create(m_db);
    QVERIFY2(create.exec(u"CREATE TABLE devices (id TEXT NOT NULL PRIMARY KEY, hardware_class TEXT NOT NULL, "
                         "region TEXT NOT NULL, firmware_version TEXT NOT NULL, version_key TEXT NOT NULL, "
                         "security_version INTEGER NOT NULL, bank TEXT NOT NULL, state TEXT NOT NULL, "
                         "busy INTEGER NOT NULL, labels TEXT)"_s),
             qPrintable(create.lastError().text()));

    QRandomGenerator rng(20240601);
    QSqlQuery insert(m_db);
    QVERIFY(insert.prepare(u"INSERT INTO devices VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s));
    QVERIFY(m_db.transaction());
    for (int i = 0; i < 400; ++i) {
        DeviceRecord d;
        d.id = u"dev-%1"_s.arg(i, 4, 10, QLatin1Char('0'));
        d.hardwareClass = pick(rng, classPool);
        d.region = pick(rng, regionPool);
        d.firmwareVersion = pick(rng, versionPool);
        d.securityVersion = rng.bounded(-1, 11);
        d.bank = rng.bounded(2) ? u"A"_s : u"B"_s;
        d.state = pick(rng, statePool);
        d.busy = rng.bounded(2) == 1;
        QJsonObject labels;
        for (const QString &key : labelKeyPool) {
            if (rng.bounded(3) == 0) {
                d.labels.insert(key, pick(rng, labelValuePool));
                labels.insert(key, d.labels.value(key));
            }
        }
        // No labels is stored both ways the column allows: NULL and an empty object.
        const QVariant labelsText =
            labels.isEmpty() && rng.bounded(2)
                ? QVariant()
                : QVariant(QString::fromUtf8(QJsonDocument(labels).toJson(QJsonDocument::Compact)));
        // Text columns are NOT NULL: bind '' for an empty string rather than a null QString.
        const auto text = [](const QString &s) { return QVariant(s.isNull() ? u""_s : s); };
        for (const QVariant &value :
             {text(d.id), text(d.hardwareClass), text(d.region), text(d.firmwareVersion),
              QVariant(semverSortKey(d.firmwareVersion)), QVariant(d.securityVersion), text(d.bank),
              text(d.state), QVariant(qint64(d.busy ? 1 : 0)), labelsText})
            insert.addBindValue(value);
        QVERIFY2(insert.exec(), qPrintable(insert.lastError().text()));
        m_devices.append(d);
    }
    QVERIFY(m_db.commit());
}

void TestFilterSql::cleanupTestCase()
{
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(u"filter-sql-test"_s);
}

QStringList TestFilterSql::selectIds(const SqlFragment &where, const QString &from)
{
    QSqlQuery query(m_db);
    const QString idColumn = from.contains(u' ') ? u"d.id"_s : u"id"_s;
    if (!query.prepare(u"SELECT %1 FROM %2 WHERE %3 ORDER BY %1"_s.arg(idColumn, from, where.sql))) {
        qWarning() << where.sql << query.lastError().text();
        return {u"<prepare failed>"_s};
    }
    for (const QVariant &param : where.params)
        query.addBindValue(param);
    if (!query.exec()) {
        qWarning() << where.sql << query.lastError().text();
        return {u"<exec failed>"_s};
    }
    QStringList ids;
    while (query.next())
        ids.append(query.value(0).toString());
    return ids;
}

QStringList TestFilterSql::evaluateIds(const FilterExpression &filter) const
{
    QStringList ids;
    for (const DeviceRecord &d : m_devices) {
        if (filter.matches(d))
            ids.append(d.id);
    }
    ids.sort(); // ids are ASCII, so this is SQLite's ORDER BY order
    return ids;
}

void TestFilterSql::checkAgreement(const QString &expression)
{
    const Result<FilterExpression> filter = FilterExpression::parse(expression);
    QVERIFY2(filter.ok(), qPrintable(expression + u": "_s + filter.errorMessage()));
    const SqlFragment where = filter->toSql();
    QCOMPARE(where.sql.count(u'?'), where.params.size());
    const QStringList fromSql = selectIds(where);
    const QStringList fromEvaluator = evaluateIds(*filter);
    if (fromSql != fromEvaluator)
        qWarning().noquote() << expression << "\n" << where.sql << "\n" << where.params;
    QCOMPARE(fromSql, fromEvaluator);
}

void TestFilterSql::sqlAgreesWithEvaluator_data()
{
    QTest::addColumn<QString>("expression");
    const QStringList expressions = {
        u"class == \"gw-200\""_s,
        u"class != \"gw-200\""_s,
        u"class ~ \"gw-*\""_s,
        u"class ~ \"gw[1]\""_s,
        u"class ~ \"gw[*\""_s,
        u"class ~ \"?w-*\""_s,
        u"class ~ \"\""_s,
        u"region in [\"eu-west\", \"eu-north\"]"_s,
        u"region not in [\"eu-west\", \"\"]"_s,
        u"region == \"\""_s,
        u"id ~ \"dev-00?7\""_s,
        u"state != \"idle\""_s,
        u"version > \"1.9.0\""_s,
        u"version < \"2.1.0\""_s,
        u"version <= \"2.1\""_s,
        u"version >= \"2.1.0-rc.1\""_s,
        u"version == \"2.1\""_s,
        u"version == \"unknown\""_s,
        u"version == \"\""_s,
        u"version != \"v2.0.0\""_s,
        u"version in [\"2.1.0+anything\", \"1.10\"]"_s,
        u"version not in [\"2.1.0\", \"ünï\"]"_s,
        u"version ~ \"2.1*\""_s,
        u"not version < \"2.1.0\""_s,
        u"svn > 5"_s,
        u"svn <= -1"_s,
        u"security_version in [0, 3, 7]"_s,
        u"security_version not in [0, 3, 7]"_s,
        u"bank == \"A\""_s,
        u"bank ~ \"?\""_s,
        u"busy"_s,
        u"not busy"_s,
        u"busy != true"_s,
        u"label.ring == \"canary\""_s,
        u"label.ring != \"canary\""_s,
        u"not label.ring == \"canary\""_s,
        u"label.ring in [\"canary\", \"stable\"]"_s,
        u"label.ring not in [\"canary\", \"stable\"]"_s,
        u"not label.ring in [\"canary\"]"_s,
        u"not label.ring not in [\"canary\"]"_s,
        u"has label.a.b"_s,
        u"not has label.x-y"_s,
        u"label.tag == \"\""_s,
        u"label.tag ~ \"*\""_s,
        u"not label.tag ~ \"*\""_s,
        u"label.site ~ \"caf?\""_s,
        u"label.site ~ \"ä?\""_s,
        u"label.site == \"say \\\"hi\\\"\""_s,
        u"label.site == \"c:\\\\path\""_s,
        u"label.a.b ~ \"*[*]*\""_s,
        u"label.missing != \"x\""_s,
        u"class == \"gw-200\" or class == \"gw-100\" and busy"_s,
        u"(class == \"gw-200\" or class == \"gw-100\") and busy"_s,
        u"not (label.ring == \"canary\" or has label.site) and svn >= 3"_s,
        u"class == \"gw-200\" and region in [\"eu-west\",\"eu-north\"] and label.ring == \"canary\" and not "
        "version < \"2.1.0\""_s,
    };
    for (const QString &expression : expressions)
        QTest::newRow(qPrintable(expression)) << expression;
}

void TestFilterSql::sqlAgreesWithEvaluator()
{
    QFETCH(QString, expression);
    checkAgreement(expression);
}

void TestFilterSql::randomExpressionsAgree()
{
    QRandomGenerator rng(7);
    int nonTrivial = 0;
    for (int i = 0; i < 600; ++i) {
        const QString expression = randomExpression(rng, 3);
        checkAgreement(expression);
        if (QTest::currentTestFailed())
            return;
        const qsizetype matched = evaluateIds(FilterExpression::parse(expression).value()).size();
        if (matched > 0 && matched < m_devices.size())
            ++nonTrivial;
    }
    // Guards against a generator that only produces filters matching all or nothing.
    QVERIFY2(nonTrivial > 200, qPrintable(QString::number(nonTrivial)));
}

void TestFilterSql::valuesAreNeverSplicedIntoSql()
{
    const QString hostile = u"x' OR 1=1 --"_s;
    const Result<FilterExpression> filter =
        FilterExpression::parse(u"class == %1 or label.ring in [%1]"_s.arg(quoted(hostile)));
    QVERIFY(filter.ok());
    const SqlFragment where = filter->toSql();
    QVERIFY(!where.sql.contains(u"OR 1=1"_s));
    QVERIFY(!where.sql.contains(u'\''));
    QVERIFY(where.params.contains(QVariant(hostile)));
    QVERIFY(where.params.contains(QVariant(u"$.\"ring\""_s)));
    QCOMPARE(selectIds(where), QStringList());
}

void TestFilterSql::qualifiedColumnNames()
{
    FilterSqlColumns columns;
    for (QString *column :
         {&columns.id, &columns.hardwareClass, &columns.region, &columns.version, &columns.versionKey,
          &columns.securityVersion, &columns.bank, &columns.state, &columns.busy, &columns.labels})
        column->prepend(u"d."_s);
    const Result<FilterExpression> filter =
        FilterExpression::parse(u"class ~ \"gw-*\" and version >= \"2.0\" and not has label.ring"_s);
    QVERIFY(filter.ok());
    const QStringList ids = selectIds(filter->toSql(columns), u"devices AS d"_s);
    QVERIFY(!ids.isEmpty());
    QCOMPARE(ids, evaluateIds(*filter));
}

void TestFilterSql::emptyFilterKeepsEveryRow()
{
    const SqlFragment where = FilterExpression().toSql();
    QVERIFY(where.params.isEmpty());
    QCOMPARE(selectIds(where).size(), m_devices.size());
}

QTEST_GUILESS_MAIN(TestFilterSql)
#include "tst_filter_sql.moc"
