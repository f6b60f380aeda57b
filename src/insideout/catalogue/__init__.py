"""The capability catalogue: services, the organisations that run them, where and when, for whom,
and whether they can take people on now; Open Referral HSDS 3 in and out."""
