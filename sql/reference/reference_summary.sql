-- Grain: one row per prefecture per municipality class, municipalities valid on the as-of date.
-- Invariants: (prefecture_code, class) unique; sum(municipalities) = count of valid municipalities.
create or replace table reference_summary as
with valid_municipalities as (
    select code, prefecture_code, class
    from municipalities
    where (valid_from is null or valid_from <= getvariable('as_of'))
      and (valid_to is null or valid_to > getvariable('as_of'))
),

final as (
    select
        prefecture_code,
        class,
        count(*)::integer as municipalities
    from valid_municipalities
    group by prefecture_code, class
)

select * from final
order by prefecture_code, class;
