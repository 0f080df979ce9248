-- never do this
DROP DATABASE shop_old;
