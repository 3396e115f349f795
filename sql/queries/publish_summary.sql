-- What `fazhi build` says about a staged file it is about to publish: reports per status and the rows
-- of v_facts (parameters: none). One row per status; the facts count rides on every row.
SELECT status, count(*) AS reports,
       (SELECT count(*) FROM fact_indicator_value AS f JOIN dim_report AS r USING (report_key)
        WHERE r.status IN ('loaded', 'unidentified')) AS facts  -- the rows of v_facts
FROM dim_report
GROUP BY status
ORDER BY status;
