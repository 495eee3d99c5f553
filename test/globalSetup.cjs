module.exports = async () => {
  process.env.TZ = 'Asia/Tokyo';
};
